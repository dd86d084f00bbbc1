import Foundation
import GRDB

/// A comment on a case, a run or an execution; deleting keeps the row with `deletedAt` set.
package struct Comment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var project: String
    package var targetKind: String
    package var targetId: String
    package var authorId: Int64?
    package var body: String
    package var createdAt: Date
    package var editedAt: Date?
    package var deletedAt: Date?

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
