import Foundation
import GRDB

/// A signed-in session: the access token handed out by a login, known here only by its digest.
package struct Session: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var userId: Int64
    package var tokenDigest: Data
    package var createdAt: Date
    package var expiresAt: Date
    package var revokedAt: Date?

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
