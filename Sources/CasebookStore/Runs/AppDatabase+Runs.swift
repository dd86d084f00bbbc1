import CasebookCore
import Foundation
import GRDB

extension AppDatabase {
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
