import Foundation
import GRDB

/// One write, recorded in the transaction that made it: who, what, on what, when.
package struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var userId: Int64?
    package var action: String
    package var targetKind: String
    package var targetId: String
    package var summary: String
    package var at: Date

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
