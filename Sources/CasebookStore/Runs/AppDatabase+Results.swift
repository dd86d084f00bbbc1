import CasebookCore
import Foundation
import GRDB

extension AppDatabase {
    /// Records the result of execution `executionID` of run `runID`, pinned to the case's blob
    /// id in `snapshot` (the version that was executed).
    package func recordResult(
        _ result: ResultInput, execution executionID: Int64, run runID: Int64, project: String, snapshot: Snapshot, by principal: Principal,
        now: Date = Date()
    ) async throws -> Execution {
        try principal.require(.tester)
        return try await writer.write { db in
            try Self.openRun(db, runID, project: project)
            guard let slot = try Execution.fetchOne(db, key: executionID), slot.runId == runID else {
                throw StoreError.notFound(what: "execution", id: "\(executionID)")
            }
            if let expected = result.expectedVersion, expected != slot.version {
                let who = try slot.executedById.flatMap { try User.fetchOne(db, key: $0)?.displayName } ?? "someone"
                throw StoreError.conflict(
                    "execution \(executionID) changed since you read it (version \(expected), now \(slot.version)): \(who) recorded it as "
                        + "\(slot.status.rawValue)\(slot.finishedAt.map { " at " + ISO8601DateFormatter().string(from: $0) } ?? ""); reload it and record again"
                )
            }
            let moves = try Self.stage(
                [SlotResult(caseID: slot.caseId, device: slot.deviceId, result: result)], run: runID, in: db, snapshot: snapshot, now: now)
            try Self.applyStaged(moves, in: db, run: runID, by: principal.userID)
            if let steps = result.steps {
                try db.execute(
                    sql: "UPDATE execution SET stepResults = ? WHERE id = ?",
                    arguments: [String(decoding: try JSONEncoder().encode(steps), as: UTF8.self), executionID])
            }
            try Self.bumpRevision(db, runID)
            try Self.audit(
                db, by: principal.userID, .record, .execution, "\(executionID)", "\(slot.caseId) \(slot.deviceId ?? "-") \(result.status.rawValue)",
                at: now)
            guard let execution = try Execution.fetchOne(db, key: executionID) else {
                throw StoreError.notFound(what: "execution", id: "\(executionID)")
            }
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
            let moves = try Self.stage(results, run: runID, in: db, snapshot: snapshot, now: now)
            if let unknown = try Row.fetchOne(db, sql: "SELECT caseId, deviceKey FROM incoming WHERE executionId IS NULL ORDER BY seq LIMIT 1") {
                let device: String = unknown[1]
                throw try Self.unknownSlot(
                    db, SlotResult(caseID: unknown[0], device: device.isEmpty ? nil : device, result: .init(status: .untested)), run: runID)
            }
            try Self.applyStaged(moves, in: db, run: runID, by: principal.userID)
            try Self.bumpRevision(db, runID)
            try Self.audit(db, by: principal.userID, .record, .run, "\(runID)", "\(results.count) results", at: now)
            return results.count
        }
    }

    /// A page of the executions of run `runID` that `filter` selects, in id order.
    package func executions(
        run runID: Int64, project: String, filter: ExecutionFilter = ExecutionFilter(), page: PageRequest = .everything
    ) async throws -> Page<Execution> {
        try await reader.read { db in
            _ = try Self.run(db, runID, project: project)
            guard filter.isEmpty, let ids = try Self.executionIDs(db, run: runID) else {
                return try filter.apply(to: Execution.filter(Column("runId") == runID)).page(page, id: \.id, in: db)
            }
            // Every execution: a range of ids, read by the primary key and counted by the run's
            // tallies. Through the run's index, each page of a run of a million sorted the rows
            // after it (0.16 s) and counted them all (0.04 s).
            return try Execution.filter(Column("id") >= ids.lowerBound && Column("id") < ids.upperBound)
                .page(page, id: \.id, in: db, total: ids.count)
        }
    }

    /// The failed executions of run `runID`, then the blocked ones (at most `limit` of each), in
    /// id order: what a run's report lists.
    package func failing(run runID: Int64, project: String, limit: Int? = nil) async throws -> [Execution] {
        var failing: [Execution] = []
        for status in [ExecutionStatus.failed, .blocked] {
            failing += try await executions(run: runID, project: project, filter: ExecutionFilter(status: status), page: PageRequest(limit: limit))
                .rows
        }
        return failing
    }

    /// A page of a case's results across the project's runs, newest first (untested ones left
    /// out): the executions of one run are made together, so their ids follow the runs'.
    package func caseExecutions(project: String, caseID: String, page: PageRequest = .everything) async throws -> Page<
        (execution: Execution, run: Run)
    > {
        try await reader.read { db in
            let executions =
                try Execution
                .filter(Column("caseId") == caseID && Column("status") != ExecutionStatus.untested.rawValue)
                .filter(sql: "runId IN (SELECT id FROM run WHERE project = ?)", arguments: [project])
                .page(page, descending: true, id: \.id, in: db)
            let runs = try Run.fetchAll(db, keys: Set(executions.rows.map(\.runId)))
            let byID = Dictionary(uniqueKeysWithValues: runs.compactMap { run in run.id.map { ($0, run) } })
            return Page(
                rows: executions.rows.compactMap { execution in byID[execution.runId].map { (execution, $0) } }, total: executions.total,
                next: executions.next)
        }
    }

    /// Puts `results` in the connection's temporary table `incoming`, the last result of each
    /// slot only, each beside the id (`NULL` for an unknown slot), group, status and case version
    /// its execution has before the write, and answers how many of them change an execution's
    /// status from what to what. The results are written to SQLite as they are (`sent`, bound
    /// straight through its C API), then matched to their executions by one join: a join per
    /// result cost twice as much.
    static func stage(_ results: [SlotResult], run runID: Int64, in db: Database, snapshot: Snapshot, now: Date) throws -> [StatusMove: Int] {
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS sent(
                    seq INTEGER PRIMARY KEY, caseId TEXT NOT NULL, deviceKey TEXT NOT NULL, status TEXT NOT NULL, notes TEXT,
                    defects TEXT NOT NULL, duration REAL, startedAt TEXT, finishedAt TEXT, caseVersion TEXT);
                CREATE TEMP TABLE IF NOT EXISTS incoming(
                    seq INTEGER PRIMARY KEY, caseId TEXT NOT NULL, deviceKey TEXT NOT NULL, status TEXT NOT NULL, notes TEXT,
                    defects TEXT NOT NULL, duration REAL, startedAt TEXT, finishedAt TEXT, caseVersion TEXT,
                    executionId INTEGER, groupPath TEXT, oldStatus TEXT, oldVersion TEXT);
                DELETE FROM sent;
                DELETE FROM incoming;
                """)
        var last: [SlotKey: Int] = [:]
        last.reserveCapacity(results.count)
        for (index, slot) in results.enumerated() { last[SlotKey(caseID: slot.caseID, device: slot.device ?? "")] = index }
        let nowText = String.fromDatabaseValue(now.databaseValue)
        let send = RowBinder(try db.cachedStatement(sql: "INSERT INTO sent VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        for (index, slot) in results.enumerated() where last[SlotKey(caseID: slot.caseID, device: slot.device ?? "")] == index {
            let result = slot.result
            try send.execute(in: db) { bind in
                bind.integer(1, Int64(index))
                bind.text(2, slot.caseID)
                bind.text(3, slot.device ?? "")
                bind.text(4, result.status.rawValue)
                bind.text(5, result.notes)
                bind.text(6, try Self.defectsJSON(result.defects))
                bind.double(7, result.duration)
                bind.text(8, result.startedAt.flatMap { String.fromDatabaseValue($0.databaseValue) })
                bind.text(9, result.finishedAt.flatMap { String.fromDatabaseValue($0.databaseValue) } ?? nowText)
                bind.text(10, snapshot.testCase(slot.caseID).map(snapshot.version(of:)))
            }
        }
        let match = RowBinder(
            try db.cachedStatement(
                sql: """
                    INSERT INTO incoming
                    SELECT s.seq, s.caseId, s.deviceKey, s.status, s.notes, s.defects, s.duration, s.startedAt, s.finishedAt,
                        coalesce(s.caseVersion, e.caseVersion), e.id, e.groupPath, e.status, e.caseVersion
                    FROM sent s LEFT JOIN execution e ON e.runId = ? AND e.caseId = s.caseId AND coalesce(e.deviceId, '') = s.deviceKey
                    RETURNING deviceKey, groupPath, oldStatus, status
                    """))
        var moves: [StatusMove: Int] = [:]
        try match.execute(
            in: db, { bind in bind.integer(1, runID) },
            answer: { staged in
                guard let group = staged.column(1), let from = staged.column(2), let to = staged.column(3), from != to else { return }
                moves[StatusMove(device: staged.column(0) ?? "", group: group, from: from, to: to), default: 0] += 1
            })
        return moves
    }

    /// A staged result's slot: its case and device (`""` for none).
    struct SlotKey: Hashable {
        var caseID: String
        var device: String
    }

    /// Writes the staged results over their executions, and the changes they make to the run's
    /// counts, set by set: the per-device and per-group status counts (from the status `moves`
    /// staging found) and the results per executed case version (from the case version each
    /// execution had, staged beside it), which a run's progress reads instead of every execution.
    static func applyStaged(_ moves: [StatusMove: Int], in db: Database, run runID: Int64, by userID: Int64?) throws {
        for tally in statusTallies {
            var changes: [[String]: Int] = [:]
            for (move, count) in moves {
                changes[[tally.fromMove(move), move.from], default: 0] -= count
                changes[[tally.fromMove(move), move.to], default: 0] += count
            }
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO \(tally.table)(runId, \(tally.column), status, count) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO UPDATE SET count = count + excluded.count
                    """)
            for (key, count) in changes where count != 0 { try upsert.execute(arguments: [runID, key[0], key[1], count]) }
        }
        try db.execute(
            sql: """
                INSERT INTO executedVersion(runId, caseId, caseVersion, results)
                SELECT ?, c, b, sum(n) FROM (
                    SELECT caseId AS c, oldVersion AS b, -1 AS n FROM incoming WHERE oldStatus <> 'untested'
                    UNION ALL SELECT caseId, caseVersion, 1 FROM incoming WHERE status <> 'untested'
                ) GROUP BY c, b HAVING sum(n) <> 0
                ON CONFLICT DO UPDATE SET results = results + excluded.results;
                UPDATE execution SET status = i.status, notes = i.notes, defects = i.defects, duration = i.duration,
                    startedAt = coalesce(i.startedAt, execution.startedAt), finishedAt = i.finishedAt, executedById = ?,
                    caseVersion = i.caseVersion, version = execution.version + 1
                FROM incoming i WHERE execution.id = i.executionId;
                DELETE FROM sent;
                DELETE FROM incoming;
                """, arguments: [runID, userID])
    }

    static func bumpRevision(_ db: Database, _ runID: Int64) throws {
        try db.execute(sql: "UPDATE run SET revision = revision + 1 WHERE id = ?", arguments: [runID])
    }

    static func openRun(_ db: Database, _ runID: Int64, project: String) throws {
        let run = try run(db, runID, project: project)
        guard run.closedAt == nil else { throw StoreError.conflict("run \(runID) is closed; reopen it to record results") }
    }

    private static func defectsJSON(_ defects: [String]) throws -> String {
        defects.isEmpty ? "[]" : String(decoding: try JSONEncoder().encode(defects), as: UTF8.self)
    }

    /// Why a (case, device) matched no execution: the case or the device is not in the run.
    private static func unknownSlot(_ db: Database, _ slot: SlotResult, run runID: Int64) throws -> StoreError {
        let devices = try String?.fetchAll(
            db, sql: "SELECT DISTINCT deviceId FROM execution WHERE runId = ? AND caseId = ?", arguments: [runID, slot.caseID])
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

    /// The devices run `runID` runs its cases on, sorted (none when its plan names no devices).
    package func devices(run runID: Int64) async throws -> [String] {
        try await reader.read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT deviceId FROM execution WHERE runId = ? AND deviceId IS NOT NULL ORDER BY deviceId", arguments: [runID])
        }
    }

    /// The case ids of run `runID` with an execution still untested (on `device`, when given),
    /// in execution order.
    package func untestedCaseIDs(run runID: Int64, device: String?) async throws -> [String] {
        try await reader.read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT caseId FROM execution WHERE runId = ? AND status = 'untested' AND (? IS NULL OR deviceId = ?) GROUP BY caseId ORDER BY min(id)",
                arguments: [runID, device, device])
        }
    }
}
