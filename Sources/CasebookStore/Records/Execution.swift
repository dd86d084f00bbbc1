import Foundation
import GRDB

/// One (case, device) of a run and its result, pinned to the blob id of the case version it
/// was (or is to be) executed against.
package struct Execution: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var runId: Int64
    package var caseId: String
    package var deviceId: String?
    package var groupPath: String
    package var status: ExecutionStatus
    package var executedById: Int64?
    package var startedAt: Date?
    package var finishedAt: Date?
    /// Seconds.
    package var duration: Double?
    package var notes: String?
    package var defects: [String]
    package var caseBlob: String

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
