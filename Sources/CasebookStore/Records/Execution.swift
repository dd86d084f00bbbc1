import Foundation
import GRDB

/// One (case, device) of a run and its result, pinned to the version of the case it was (or is
/// to be) executed against (see `Snapshot.version(of:)`).
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
    /// The case's version when the result was recorded (at first, when the run was created).
    /// Results recorded before versions were kept hold the case file's git blob id.
    package var caseVersion: String

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
