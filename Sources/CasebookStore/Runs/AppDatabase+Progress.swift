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
            var stale: [(caseID: String, blob: String, current: String?)] = []
            let versions = try Row.fetchCursor(db, sql: "SELECT caseId, caseBlob FROM executedVersion WHERE runId = ? AND results > 0", arguments: [runID])
            while let row = try versions.next() {
                let caseID: String = row[0]
                let blob: String = row[1]
                let current = snapshot.testCase(caseID)?.contentID
                if current != blob { stale.append((caseID, blob, current)) }
            }
            let outdated = try db.cachedStatement(
                sql: "SELECT id, deviceId, status FROM execution WHERE runId = ? AND caseId = ? AND caseBlob = ? AND status <> 'untested' ORDER BY id")
            for version in stale {
                let rows = try Row.fetchCursor(outdated, arguments: [runID, version.caseID, version.blob])
                while let row = try rows.next() {
                    guard let status = ExecutionStatus(rawValue: row[2]) else { continue }
                    progress.outdated.append(
                        .init(executionID: row[0], caseID: version.caseID, device: row[1], status: status, executedBlob: version.blob, currentBlob: version.current))
                }
            }
            progress.outdated.sort { $0.executionID < $1.executionID }
            return progress
        }
    }
}
