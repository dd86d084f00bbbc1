import CasebookCore
import Foundation
import GRDB

extension AppDatabase {
    /// Records the result of execution `executionID` of run `runID`, pinned to the case's blob
    /// id in `snapshot` (the version that was executed).
    package func recordResult(
        _ result: ResultInput, execution executionID: Int64, run runID: Int64, project: String, snapshot: Snapshot, by principal: Principal, now: Date = Date()
    ) async throws -> Execution {
        try principal.require(.tester)
        return try await writer.write { db in
            try Self.openRun(db, runID, project: project)
            guard var execution = try Execution.fetchOne(db, key: executionID), execution.runId == runID else {
                throw StoreError.notFound(what: "execution", id: "\(executionID)")
            }
            let old = (execution.status, execution.caseBlob)
            Self.apply(result, to: &execution, blob: snapshot.testCase(execution.caseId)?.contentID, by: principal.userID, now: now)
            try execution.update(db)
            var counters = RunCounters()
            counters.changed(caseID: execution.caseId, device: execution.deviceId, group: execution.groupPath, from: old, to: (execution.status, execution.caseBlob))
            try counters.apply(db, run: runID)
            try Self.bumpRevision(db, runID)
            try Self.audit(db, by: principal.userID, "record", "execution", "\(executionID)", "\(execution.caseId) \(execution.deviceId ?? "-") \(result.status.rawValue)", at: now)
            return execution
        }
    }

    /// Records many results of run `runID` in one transaction: all of them, or none when one
    /// names a (case, device) the run does not have. Answers how many were recorded.
    package func recordResults(
        _ results: [SlotResult], run runID: Int64, project: String, snapshot: Snapshot, by principal: Principal, now: Date = Date()
    ) async throws -> Int {
        try principal.require(.tester)
        return try await writer.write { db in
            try Self.openRun(db, runID, project: project)
            let find = try db.cachedStatement(
                sql: "SELECT id, groupPath, status, caseBlob FROM execution WHERE runId = ? AND caseId = ? AND coalesce(deviceId, '') = ?")
            let update = try db.cachedStatement(
                sql: """
                    UPDATE execution SET status = ?, notes = ?, defects = ?, duration = ?, startedAt = ?, finishedAt = ?, executedById = ?, caseBlob = ?
                    WHERE id = ?
                    """)
            var counters = RunCounters()
            for slot in results {
                guard let row = try Row.fetchOne(find, arguments: [runID, slot.caseID, slot.device ?? ""]),
                    let oldStatus = ExecutionStatus(rawValue: row[2])
                else {
                    throw try Self.unknownSlot(db, slot, run: runID)
                }
                let result = slot.result
                let oldBlob: String = row[3]
                let blob = snapshot.testCase(slot.caseID)?.contentID ?? oldBlob
                try update.execute(arguments: [
                    result.status.rawValue, result.notes, Self.defectsJSON(result.defects), result.duration, result.startedAt,
                    result.finishedAt ?? now, principal.userID, blob, row[0],
                ])
                counters.changed(caseID: slot.caseID, device: slot.device, group: row[1], from: (oldStatus, oldBlob), to: (result.status, blob))
            }
            try counters.apply(db, run: runID)
            try Self.bumpRevision(db, runID)
            try Self.audit(db, by: principal.userID, "record", "run", "\(runID)", "\(results.count) results", at: now)
            return results.count
        }
    }

    /// The executions of run `runID`, in id order, optionally only those of one case or status.
    package func executions(run runID: Int64, project: String, caseID: String? = nil, status: ExecutionStatus? = nil) async throws -> [Execution] {
        try await reader.read { db in
            _ = try Self.run(db, runID, project: project)
            var request = Execution.filter(Column("runId") == runID)
            if let caseID { request = request.filter(Column("caseId") == caseID) }
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.order(Column("id")).fetchAll(db)
        }
    }

    /// A case's results across the project's runs, newest run first (untested ones left out).
    package func caseExecutions(project: String, caseID: String, limit: Int) async throws -> [(execution: Execution, run: Run)] {
        try await reader.read { db in
            let executions = try Execution
                .filter(Column("caseId") == caseID && Column("status") != ExecutionStatus.untested.rawValue)
                .filter(sql: "runId IN (SELECT id FROM run WHERE project = ?)", arguments: [project])
                .order(Column("runId").desc, Column("id"))
                .limit(limit)
                .fetchAll(db)
            let runs = try Run.fetchAll(db, keys: Set(executions.map(\.runId)))
            let byID = Dictionary(uniqueKeysWithValues: runs.compactMap { run in run.id.map { ($0, run) } })
            return executions.compactMap { execution in byID[execution.runId].map { (execution, $0) } }
        }
    }

    private static func apply(_ result: ResultInput, to execution: inout Execution, blob: String?, by userID: Int64?, now: Date) {
        execution.status = result.status
        execution.notes = result.notes
        execution.defects = result.defects
        execution.duration = result.duration
        execution.startedAt = result.startedAt
        execution.finishedAt = result.finishedAt ?? now
        execution.executedById = userID
        if let blob { execution.caseBlob = blob }
    }

    private static func bumpRevision(_ db: Database, _ runID: Int64) throws {
        try db.execute(sql: "UPDATE run SET revision = revision + 1 WHERE id = ?", arguments: [runID])
    }

    private static func openRun(_ db: Database, _ runID: Int64, project: String) throws {
        let run = try run(db, runID, project: project)
        guard run.closedAt == nil else { throw StoreError.conflict("run \(runID) is closed; reopen it to record results") }
    }

    private static func defectsJSON(_ defects: [String]) throws -> String {
        defects.isEmpty ? "[]" : String(decoding: try JSONEncoder().encode(defects), as: UTF8.self)
    }

    /// Why a (case, device) matched no execution: the case or the device is not in the run.
    private static func unknownSlot(_ db: Database, _ slot: SlotResult, run runID: Int64) throws -> StoreError {
        let devices = try String?.fetchAll(db, sql: "SELECT DISTINCT deviceId FROM execution WHERE runId = ? AND caseId = ?", arguments: [runID, slot.caseID])
        if devices.isEmpty { return .invalid("case", "case '\(slot.caseID)' is not in run \(runID)") }
        let known = devices.map { $0 ?? "(none)" }.sorted().joined(separator: ", ")
        return .invalid("device", "run \(runID) has case '\(slot.caseID)' on \(known), not on '\(slot.device ?? "(none)")'")
    }
}

extension AppDatabase {
    /// Execution `id` of run `runID` in `project`.
    package func execution(_ id: Int64, run runID: Int64, project: String) async throws -> Execution {
        try await reader.read { db in
            _ = try Self.run(db, runID, project: project)
            guard let execution = try Execution.fetchOne(db, key: id), execution.runId == runID else {
                throw StoreError.notFound(what: "execution", id: "\(id)")
            }
            return execution
        }
    }

    /// The distinct case ids of run `runID`, in execution order.
    package func caseIDs(run runID: Int64) async throws -> [String] {
        try await reader.read { db in
            try String.fetchAll(db, sql: "SELECT caseId FROM execution WHERE runId = ? GROUP BY caseId ORDER BY min(id)", arguments: [runID])
        }
    }
}
