import CasebookCore
import GRDB

extension AppDatabase {
    /// The progress of run `runID`; results are outdated when their case's version in
    /// `snapshot` (of `commit`) differs from the one that was executed.
    package func progress(run runID: Int64, project: String, snapshot: Snapshot, commit: String) async throws -> RunProgress {
        let cache = progressCache
        return try await reader.read { db in
            let run = try Self.run(db, runID, project: project)
            if let cached = cache.progress(run: runID, revision: run.revision, commit: commit) { return cached }
            var progress = RunProgress(total: 0, statuses: [:], devices: [:], groups: [:], outdated: [])
            let devices = try Row.fetchCursor(
                db, sql: "SELECT deviceId, status, count FROM deviceTally WHERE runId = ? AND count > 0", arguments: [runID])
            while let row = try devices.next() {
                guard let status = ExecutionStatus(rawValue: row[1]) else { continue }
                let count: Int = row[2]
                progress.total += count
                progress.statuses[status, default: 0] += count
                progress.devices[row[0], default: [:]][status, default: 0] += count
            }
            let groups = try Row.fetchCursor(
                db, sql: "SELECT groupPath, status, count FROM groupTally WHERE runId = ? AND count > 0", arguments: [runID])
            while let row = try groups.next() {
                guard let status = ExecutionStatus(rawValue: row[1]) else { continue }
                progress.groups[row[0], default: [:]][status, default: 0] += row[2] as Int
            }
            progress.outdated = try Self.outdated(db, run: runID, snapshot: snapshot)
            cache.store(progress, run: runID, revision: run.revision, commit: commit)
            return progress
        }
    }

    /// The results of a run whose case version differs from the snapshot's: one row per executed
    /// case version is compared, then only the executions of those that differ are read.
    private static func outdated(_ db: Database, run runID: Int64, snapshot: Snapshot) throws -> [RunProgress.Outdated] {
        var stale: [(caseID: String, version: String, current: String?)] = []
        let versions = try Row.fetchCursor(
            db, sql: "SELECT caseId, caseVersion FROM executedVersion WHERE runId = ? AND results > 0", arguments: [runID])
        while let row = try versions.next() {
            let caseID: String = row[0]
            let executed: String = row[1]
            let testCase = snapshot.testCase(caseID)
            let current = testCase.map(snapshot.version(of:))
            // A result from before versions were kept holds the file's blob id: current while the file is.
            if current != executed && testCase?.contentID != executed { stale.append((caseID, executed, current)) }
        }
        var outdated: [RunProgress.Outdated] = []
        let executions = try db.cachedStatement(
            sql: "SELECT id, deviceId, status FROM execution WHERE runId = ? AND caseId = ? AND caseVersion = ? AND status <> 'untested' ORDER BY id")
        for version in stale {
            let rows = try Row.fetchCursor(executions, arguments: [runID, version.caseID, version.version])
            while let row = try rows.next() {
                guard let status = ExecutionStatus(rawValue: row[2]) else { continue }
                outdated.append(
                    .init(
                        executionID: row[0], caseID: version.caseID, device: row[1], status: status, executedVersion: version.version,
                        currentVersion: version.current))
            }
        }
        return outdated.sorted { $0.executionID < $1.executionID }
    }
}

extension AppDatabase {
    /// The statuses of run `runID`'s executions of each of `caseIDs` (one per device), by case.
    package func statuses(run runID: Int64, cases caseIDs: [String]) async throws -> [String: [ExecutionStatus]] {
        try await reader.read { db in
            var statuses: [String: [ExecutionStatus]] = [:]
            for start in stride(from: 0, to: caseIDs.count, by: 500) {
                let batch = Array(caseIDs[start..<min(start + 500, caseIDs.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT caseId, status FROM execution WHERE runId = ? AND caseId IN (\(marks))",
                    arguments: StatementArguments([runID.databaseValue] + batch.map(\.databaseValue)))
                while let row = try rows.next() {
                    if let status = ExecutionStatus(rawValue: row[1]) { statuses[row[0], default: []].append(status) }
                }
            }
            return statuses
        }
    }

    /// The latest result writes to run `runID`, newest first, from the audit log: who recorded
    /// what (a bulk of results is one entry).
    package func recentResults(run runID: Int64, limit: Int) async throws -> [AuditEntry] {
        try await reader.read { db in
            try AuditEntry.fetchAll(
                db,
                sql: """
                    SELECT * FROM auditEntry a WHERE a.action = 'record' AND (
                        (a.targetKind = 'run' AND a.targetId = ?)
                        OR (a.targetKind = 'execution' AND EXISTS (SELECT 1 FROM execution e WHERE e.id = CAST(a.targetId AS INTEGER) AND e.runId = ?)))
                    ORDER BY a.id DESC LIMIT ?
                    """, arguments: ["\(runID)", runID, limit])
        }
    }
}
