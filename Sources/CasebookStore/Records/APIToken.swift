import Foundation
import GRDB

/// A long-lived token for CI and dashboards, acting as its user with at most read (or read and
/// write) scope; known here only by its digest.
package struct APIToken: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "apiToken"

    package var id: Int64?
    package var userId: Int64
    package var name: String
    package var tokenDigest: Data
    package var canWrite: Bool
    package var createdAt: Date
    package var lastUsedAt: Date?
    package var revokedAt: Date?
    /// The projects the token is limited to; `nil`: every project its user may read.
    package var projects: [String]?

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
