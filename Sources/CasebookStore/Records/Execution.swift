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
    /// Who is to execute it.
    package var assigneeId: Int64?
    /// How many results it has had: a writer that read an older version is refused.
    package var version: Int64
    /// The result of each step (by position in the expanded steps), when the tester gave them.
    package var stepResults: [StepResult]?

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Read column by column: through `Codable`, decoding the rows was nearly half of what a
    /// report of a million executions took.
    package init(row: Row) throws {
        id = row["id"]
        runId = row["runId"]
        caseId = row["caseId"]
        deviceId = row["deviceId"]
        groupPath = row["groupPath"]
        let statusText: String = row["status"]
        guard let status = ExecutionStatus(rawValue: statusText) else {
            throw DatabaseError(resultCode: .SQLITE_CONSTRAINT, message: "execution \(id ?? 0) has the status '\(statusText)'")
        }
        self.status = status
        executedById = row["executedById"]
        startedAt = row["startedAt"]
        finishedAt = row["finishedAt"]
        duration = row["duration"]
        notes = row["notes"]
        let defectsText: String = row["defects"]
        defects = defectsText == "[]" ? [] : try JSONDecoder().decode([String].self, from: Data(defectsText.utf8))
        caseVersion = row["caseVersion"]
        assigneeId = row["assigneeId"]
        version = row["version"]
        stepResults = try (row["stepResults"] as String?).map { try JSONDecoder().decode([StepResult].self, from: Data($0.utf8)) }
    }
}

/// The result of one step of an execution: a status (passed, failed, blocked or skipped), a
/// note, or both; either may be absent.
package struct StepResult: Codable, Sendable, Equatable {
    package var status: ExecutionStatus?
    package var note: String?

    package init(status: ExecutionStatus?, note: String?) {
        self.status = status
        self.note = note
    }

    /// The statuses a step takes.
    package static let statuses: [ExecutionStatus] = [.passed, .failed, .blocked, .skipped]

    /// The execution status that step results suggest: any failed → failed, else any blocked →
    /// blocked, else all passed (or skipped, with at least one passed) → passed; `nil` while a
    /// step has no status.
    package static func proposedStatus(_ steps: [StepResult?], count: Int) -> ExecutionStatus? {
        let statuses = (0..<count).map { index in index < steps.count ? steps[index]?.status : nil }
        if statuses.contains(.failed) { return .failed }
        if statuses.contains(.blocked) { return .blocked }
        guard !statuses.contains(nil) else { return nil }
        return statuses.contains(.passed) ? .passed : .skipped
    }
}
