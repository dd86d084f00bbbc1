import CasebookCore
import Foundation
import GRDB

extension AppDatabase {
    /// Creates a run of `planID` at the snapshot's commit: one `untested` execution per
    /// (case, device) of the resolved matrix, each pinned to its case's blob id. Answers the run
    /// and its number of executions.
    package func createRun(
        project: String, planID: String, title: String?, build: String?, commit: String, snapshot: Snapshot, by principal: Principal,
        now: Date = Date()
    ) async throws -> (run: Run, executions: Int) {
        try principal.require(.tester)
        guard let plan = snapshot.plans.first(where: { $0.id == planID }), let resolved = snapshot.resolvedPlans[planID] else {
            let known = snapshot.plans.map(\.id).joined(separator: ", ")
            throw StoreError.invalid("plan", "no plan '\(planID)' at \(commit.prefix(12)); the project has: \(known.isEmpty ? "no plans" : known)")
        }
        let slots = resolved.entries.compactMap { entry in snapshot.testCase(entry.caseID).map { (entry, $0) } }
        return try await writer.write { db in
            var run = Run(
                id: nil, project: project, planId: planID, title: title ?? plan.title, build: build, commitId: commit,
                createdById: principal.userID, createdAt: now)
            try run.insert(db)
            let insert = try db.cachedStatement(
                sql: "INSERT INTO execution(runId, caseId, deviceId, groupPath, status, caseVersion) VALUES (?, ?, ?, ?, 'untested', ?)")
            for (entry, testCase) in slots {
                try insert.execute(arguments: [run.id, entry.caseID, entry.device, testCase.group, snapshot.version(of: testCase)])
            }
            for tally in Self.statusTallies {
                try db.execute(
                    sql: """
                        INSERT INTO \(tally.table)(runId, \(tally.column), status, count)
                        SELECT runId, \(tally.fromExecution), 'untested', count(*) FROM execution WHERE runId = ? GROUP BY 1, 2
                        """, arguments: [run.id])
            }
            try Self.audit(
                db, by: principal.userID, .create, .run, "\(run.id ?? 0)", "plan \(planID) at \(commit.prefix(12)), \(slots.count) executions",
                at: now)
            return (run, slots.count)
        }
    }

    /// The status counts a run keeps: the table, its key column, and that key as an expression
    /// over an `execution` row and in a result's status change.
    static let statusTallies: [(table: String, column: String, fromExecution: String, fromMove: @Sendable (StatusMove) -> String)] = [
        ("deviceTally", "deviceId", "coalesce(deviceId, '')", { $0.device }),
        ("groupTally", "groupPath", "groupPath", { $0.group }),
    ]

    /// A result that changes the status of an execution: the execution's device (`""` for
    /// none) and group, its status before and after.
    struct StatusMove: Hashable {
        var device: String
        var group: String
        var from: String
        var to: String
    }

    /// Filters of the run list.
    package struct RunFilter: Sendable {
        package var plan: String?
        package var build: String?
        /// `true`: only open runs, `false`: only closed ones.
        package var open: Bool?

        package init(plan: String? = nil, build: String? = nil, open: Bool? = nil) {
            self.plan = plan
            self.build = build
            self.open = open
        }
    }

    /// A page of a project's runs matching `filter`, newest first.
    package func runs(project: String, _ filter: RunFilter, page: PageRequest = .everything) async throws -> Page<Run> {
        try await reader.read { db in
            var request = Run.filter(Column("project") == project)
            if let plan = filter.plan { request = request.filter(Column("planId") == plan) }
            if let build = filter.build { request = request.filter(Column("build") == build) }
            if let open = filter.open { request = request.filter(open ? Column("closedAt") == nil : Column("closedAt") != nil) }
            return try request.page(page, descending: true, id: \.id, in: db)
        }
    }

    /// The run `id` of `project`.
    package func run(_ id: Int64, project: String) async throws -> Run {
        try await reader.read { db in try Self.run(db, id, project: project) }
    }

    /// Closes (`closed`) or reopens a run; a closed run takes no results.
    package func setRun(_ id: Int64, project: String, closed: Bool, by principal: Principal, now: Date = Date()) async throws -> Run {
        try principal.require(.tester)
        return try await writer.write { db in
            var run = try Self.run(db, id, project: project)
            run.closedAt = closed ? (run.closedAt ?? now) : nil
            try run.update(db)
            try Self.audit(db, by: principal.userID, closed ? .close : .reopen, .run, "\(id)", closed ? "closed" : "reopened", at: now)
            return run
        }
    }

    static func run(_ db: Database, _ id: Int64, project: String) throws -> Run {
        guard let run = try Run.fetchOne(db, key: id), run.project == project else { throw StoreError.notFound(what: "run", id: "\(id)") }
        return run
    }
}
