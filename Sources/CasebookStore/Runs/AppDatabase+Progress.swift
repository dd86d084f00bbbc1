import CasebookCore
import GRDB

extension AppDatabase {
    /// The progress of run `runID`; results are outdated when their case's blob id in
    /// `snapshot` differs from the one that was executed.
    package func progress(run runID: Int64, project: String, snapshot: Snapshot) async throws -> RunProgress {
        try await reader.read { db in
            _ = try Self.run(db, runID, project: project)
            var progress = RunProgress(total: 0, statuses: [:], devices: [:], groups: [:], outdated: [])
            let tally = try Row.fetchCursor(
                db, sql: "SELECT deviceId, groupPath, status, count FROM executionTally WHERE runId = ? AND count > 0", arguments: [runID])
            while let row = try tally.next() {
                guard let status = ExecutionStatus(rawValue: row[2]) else { continue }
                let count: Int = row[3]
                progress.total += count
                progress.statuses[status, default: 0] += count
                progress.devices[row[0], default: [:]][status, default: 0] += count
                progress.groups[row[1], default: [:]][status, default: 0] += count
            }
            let executed = try Row.fetchCursor(
                db, sql: "SELECT id, caseId, deviceId, status, caseBlob FROM execution WHERE runId = ? AND status <> 'untested'", arguments: [runID])
            while let row = try executed.next() {
                let caseID: String = row[1]
                let blob: String = row[4]
                let current = snapshot.testCase(caseID)?.contentID
                guard current != blob, let status = ExecutionStatus(rawValue: row[3]) else { continue }
                progress.outdated.append(.init(executionID: row[0], caseID: caseID, device: row[2], status: status, executedBlob: blob, currentBlob: current))
            }
            return progress
        }
    }
}
