import CasebookCore
import Foundation
import GRDB

/// Which executions of a run a list or a bulk change is about; `nil` matches every one.
package struct ExecutionFilter: Sendable {
    package var status: ExecutionStatus?
    package var device: String?
    package var caseID: String?
    /// Executions assigned to this user id; `.some(nil)`: assigned to nobody.
    package var assignee: Int64??

    package init(status: ExecutionStatus? = nil, device: String? = nil, caseID: String? = nil, assignee: Int64?? = nil) {
        self.status = status
        self.device = device
        self.caseID = caseID
        self.assignee = assignee
    }

    /// Whether the filter selects every execution.
    var isEmpty: Bool { status == nil && device == nil && caseID == nil && assignee == nil }

    func apply(to request: QueryInterfaceRequest<Execution>) -> QueryInterfaceRequest<Execution> {
        var request = request
        if let status { request = request.filter(Column("status") == status.rawValue) }
        if let device { request = request.filter(Column("deviceId") == device) }
        if let caseID { request = request.filter(Column("caseId") == caseID) }
        if let assignee { request = request.filter(assignee.map { Column("assigneeId") == $0 } ?? (Column("assigneeId") == nil)) }
        return request
    }
}

/// What a bulk change sets on each execution it selects; `nil` leaves it as it is.
package struct ExecutionChanges: Sendable {
    package var status: ExecutionStatus?
    /// The user id to assign; `.some(nil)` takes the assignment away.
    package var assignee: Int64??
    package var notes: String?

    package init(status: ExecutionStatus? = nil, assignee: Int64?? = nil, notes: String? = nil) {
        self.status = status
        self.assignee = assignee
        self.notes = notes
    }
}

extension AppDatabase {
    /// The most executions one bulk change takes.
    package static let bulkLimit = 100_000

    /// Sets `changes` on the executions of run `runID` that `ids` name (or, without ids, that
    /// `filter` selects), in one transaction, recorded in the audit log as one action with its
    /// count. A status goes through the same path as a result, so the run's counts follow.
    /// Answers how many executions changed.
    package func updateExecutions(
        run runID: Int64, project: String, ids: [Int64]?, filter: ExecutionFilter, changes: ExecutionChanges, snapshot: Snapshot,
        by principal: Principal, now: Date = Date()
    ) async throws -> Int {
        try principal.require(.tester)
        return try await writer.write { db in
            try Self.openRun(db, runID, project: project)
            var request = filter.apply(to: Execution.filter(Column("runId") == runID))
            if let ids { request = request.filter(keys: ids) }
            let selected = try request.fetchAll(db)
            if let ids, selected.count != Set(ids).count {
                let found = Set(selected.compactMap(\.id))
                let missing = ids.first { !found.contains($0) } ?? 0
                throw StoreError.invalid(
                    "executions", "execution \(missing) is not in run \(runID)\(ids.count > 1 ? " (or not one the filter selects)" : "")")
            }
            guard selected.count <= Self.bulkLimit else {
                throw StoreError.invalid("executions", "\(selected.count) executions selected; one change takes at most \(Self.bulkLimit)")
            }
            if let status = changes.status {
                let results = selected.map { execution in
                    SlotResult(
                        caseID: execution.caseId, device: execution.deviceId,
                        result: ResultInput(
                            status: status, notes: changes.notes ?? execution.notes, defects: execution.defects, duration: execution.duration,
                            startedAt: execution.startedAt))
                }
                let moves = try Self.stage(results, run: runID, in: db, snapshot: snapshot, now: now)
                try Self.applyStaged(moves, in: db, run: runID, by: principal.userID)
            } else if let notes = changes.notes {
                for chunk in selected.compactMap(\.id).chunked(500) {
                    try db.execute(
                        sql:
                            "UPDATE execution SET notes = ?, version = version + 1 WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))",
                        arguments: StatementArguments([notes.databaseValue] + chunk.map(\.databaseValue)))
                }
            }
            if let assignee = changes.assignee {
                if let user = assignee {
                    guard let tester = try User.fetchOne(db, key: user), tester.role >= .tester, !tester.disabled else {
                        throw StoreError.invalid("assignee", "that user cannot execute (a viewer, or disabled)")
                    }
                }
                for chunk in selected.compactMap(\.id).chunked(500) {
                    try db.execute(
                        sql: "UPDATE execution SET assigneeId = ? WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))",
                        arguments: StatementArguments([assignee.databaseValue] + chunk.map(\.databaseValue)))
                }
            }
            try Self.bumpRevision(db, runID)
            var what: [String] = []
            if let status = changes.status { what.append("status \(status.rawValue)") }
            if let assignee = changes.assignee { what.append(assignee == nil ? "unassigned" : "assignee #\(assignee ?? 0)") }
            if changes.notes != nil { what.append("note") }
            try Self.audit(
                db, by: principal.userID, .update, .run, "\(runID)", "\(selected.count) executions: \(what.joined(separator: ", "))", at: now)
            return selected.count
        }
    }

    /// The open executions (untested or to retest) assigned to `userID` in open runs of
    /// `projects`, oldest run first, at most `limit`, with their runs.
    package func work(of userID: Int64, projects: [String], limit: Int = 500) async throws -> [(execution: Execution, run: Run)] {
        try await reader.read { db in
            let marks = Array(repeating: "?", count: projects.count).joined(separator: ",")
            let executions = try Execution.filter(Column("assigneeId") == userID && ["untested", "retest"].contains(Column("status")))
                .filter(
                    sql: "runId IN (SELECT id FROM run WHERE closedAt IS NULL AND project IN (\(marks)))", arguments: StatementArguments(projects)
                )
                .order(Column("id")).limit(limit).fetchAll(db)
            let runs = try Run.fetchAll(db, keys: Set(executions.map(\.runId)))
            let byID = Dictionary(uniqueKeysWithValues: runs.compactMap { run in run.id.map { ($0, run) } })
            return executions.compactMap { execution in byID[execution.runId].map { (execution, $0) } }
        }
    }

    /// Marks execution `id` as started now, unless it was already; answers it.
    package func startExecution(_ id: Int64, run runID: Int64, project: String, now: Date = Date()) async throws -> Execution {
        try await writer.write { db in
            _ = try Self.run(db, runID, project: project)
            try db.execute(sql: "UPDATE execution SET startedAt = ? WHERE id = ? AND runId = ? AND startedAt IS NULL", arguments: [now, id, runID])
            guard let execution = try Execution.fetchOne(db, key: id), execution.runId == runID else {
                throw StoreError.notFound(what: "execution", id: "\(id)")
            }
            return execution
        }
    }

    /// Where execution `id` is in its run: its position (from 1) and the run's size, the
    /// executions before and after it, and the next untested one after it (from the start again
    /// when none is after it; only those assigned to `assignee` when given).
    package struct Place: Sendable {
        package var position: Int
        package var total: Int
        package var previous: Int64?
        package var next: Int64?
        package var nextUntested: Int64?
    }

    package func place(of id: Int64, run runID: Int64, assignee: Int64? = nil) async throws -> Place {
        try await reader.read { db in
            let ids = try Self.executionIDs(db, run: runID, near: id)
            let (start, last, total) = (ids.lowerBound, ids.upperBound - 1, ids.count)
            let mine = assignee.map { " AND assigneeId = \($0)" } ?? ""
            let sql = "SELECT id FROM execution WHERE runId = ? AND status = 'untested' AND id > ? AND id <= ?\(mine) ORDER BY id LIMIT 1"
            let nextUntested =
                try Int64.fetchOne(db, sql: sql, arguments: [runID, id, last])
                ?? Int64.fetchOne(db, sql: sql, arguments: [runID, start - 1, id - 1])
            return Place(
                position: Int(id - start) + 1, total: total, previous: id > start ? id - 1 : nil, next: id < last ? id + 1 : nil,
                nextUntested: nextUntested)
        }
    }

    /// The first untested execution of run `runID` (of those assigned to `assignee`, when given),
    /// in the run's order.
    package func firstUntested(run runID: Int64, assignee: Int64? = nil) async throws -> Int64? {
        try await reader.read { db in
            guard let ids = try Self.executionIDs(db, run: runID) else { return nil }
            let mine = assignee.map { " AND assigneeId = \($0)" } ?? ""
            return try Int64.fetchOne(
                db, sql: "SELECT id FROM execution WHERE runId = ? AND status = 'untested' AND id >= ? AND id < ?\(mine) ORDER BY id LIMIT 1",
                arguments: [runID, ids.lowerBound, ids.upperBound])
        }
    }

    /// The ids of run `runID`'s executions, one unbroken range (they are inserted together);
    /// `nil` for a run without any.
    static func executionIDs(_ db: Database, run runID: Int64) throws -> Range<Int64>? {
        guard let any = try Int64.fetchOne(db, sql: "SELECT id FROM execution WHERE runId = ? LIMIT 1", arguments: [runID]) else { return nil }
        return try executionIDs(db, run: runID, near: any)
    }

    /// The ids of run `runID`'s executions, the range that holds its execution `id`: the run's
    /// tallies and a binary search, whatever the run's size.
    static func executionIDs(_ db: Database, run runID: Int64, near id: Int64) throws -> Range<Int64> {
        let total = try Int.fetchOne(db, sql: "SELECT sum(count) FROM deviceTally WHERE runId = ?", arguments: [runID]) ?? 0
        let start = try firstExecution(db, run: runID, near: id, total: total)
        return start..<(start + Int64(total))
    }

    /// The first execution of run `runID`, whose ids are one unbroken range of `total` ids that
    /// holds `id`: found by looking up ids (a binary search), not by reading the run's rows.
    private static func firstExecution(_ db: Database, run runID: Int64, near id: Int64, total: Int) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "SELECT runId FROM execution WHERE id = ?")
        var low = max(id - Int64(total) + 1, 1), high = id
        while low < high {
            let middle = low + (high - low) / 2
            if try Int64.fetchOne(statement, arguments: [middle]) == runID { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension AppDatabase {
    /// The seconds recorded as spent on run `runID`'s executions.
    package func timeSpent(run runID: Int64) async throws -> Double {
        try await reader.read { db in try Double.fetchOne(db, sql: "SELECT total(duration) FROM execution WHERE runId = ?", arguments: [runID]) ?? 0 }
    }
}
