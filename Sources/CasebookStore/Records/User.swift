import Foundation
import GRDB

/// A person (or a CI robot) who signs in. The password is kept only as a bcrypt hash.
package struct User: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var username: String
    package var displayName: String
    package var email: String?
    package var departmentId: Int64?
    package var role: Role
    package var passwordHash: String
    package var disabled: Bool
    package var createdAt: Date

    package enum Columns {
        static let username = Column(CodingKeys.username)
    }

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
