import CasebookCore
import Foundation
import GRDB

/// How a new run is made beyond its plan: a subset of the plan's devices, only part of an
/// earlier run (a re-run), and who executes what.
package struct RunOptions: Sendable {
    /// The devices to run on, a subset of the plan's; `nil`: all of them.
    package var devices: [String]?
    /// Only the (case, device) slots of that run whose result is one of `statuses`, or that are
    /// outdated when `outdated` (their case changed since); the new run links to it.
    package var rerun: Rerun?
    /// Usernames: one executes everything; several share the executions, each group whole to one
    /// tester, the largest groups first to whoever has the least so far.
    package var assignees: [String]

    package struct Rerun: Sendable {
        package var run: Int64
        package var statuses: [ExecutionStatus]
        package var outdated: Bool

        package init(run: Int64, statuses: [ExecutionStatus], outdated: Bool) {
            self.run = run
            self.statuses = statuses
            self.outdated = outdated
        }
    }

    package init(devices: [String]? = nil, rerun: Rerun? = nil, assignees: [String] = []) {
        self.devices = devices
        self.rerun = rerun
        self.assignees = assignees
    }
}

extension AppDatabase {
    /// One execution to be: its case, device, group, the case's version and who executes it.
    private struct Slot {
        var caseID: String
        var device: String?
        var group: String
        var version: String
        var assignee: Int64?
    }

    /// Creates a run of `planID` at the snapshot's commit: one `untested` execution per
    /// (case, device) of the resolved matrix (as `options` narrow it), each pinned to its case's
    /// version and given its assignee. Answers the run and its number of executions.
    package func createRun(
        project: String, planID: String, title: String?, build: String?, commit: String, snapshot: Snapshot, options: RunOptions = RunOptions(),
        by principal: Principal, now: Date = Date()
    ) async throws -> (run: Run, executions: Int) {
        try principal.require(.tester)
        guard let plan = snapshot.plans.first(where: { $0.id == planID }), let resolved = snapshot.resolvedPlans[planID] else {
            let known = snapshot.plans.map(\.id).joined(separator: ", ")
            throw StoreError.invalid("plan", "no plan '\(planID)' at \(commit.prefix(12)); the project has: \(known.isEmpty ? "no plans" : known)")
        }
        var entries = resolved.entries
        if let devices = options.devices {
            if let unknown = devices.first(where: { !resolved.devices.contains($0) }) {
                throw StoreError.invalid(
                    "devices", "plan \(planID) does not run on '\(unknown)'; its devices: \(resolved.devices.joined(separator: ", "))")
            }
            if devices.isEmpty { throw StoreError.invalid("devices", "choose at least one of the plan's devices") }
            entries = entries.filter { entry in entry.device.map(devices.contains) ?? true }
        }
        let planned = entries
        return try await writer.write { db in
            var entries = planned
            var rerunOf: Int64?
            if let rerun = options.rerun {
                let source = try Self.run(db, rerun.run, project: project)
                guard source.planId == planID else {
                    throw StoreError.invalid("rerunOf", "run \(rerun.run) is of plan \(source.planId), not \(planID)")
                }
                let chosen = try Self.slots(db, of: rerun, snapshot: snapshot)
                entries = entries.filter { chosen.contains(SlotKey(caseID: $0.caseID, device: $0.device ?? "")) }
                rerunOf = rerun.run
            }
            var slots = entries.compactMap { entry in
                snapshot.testCase(entry.caseID).map {
                    Slot(caseID: entry.caseID, device: entry.device, group: $0.group, version: snapshot.version(of: $0))
                }
            }
            try Self.assign(&slots, to: try Self.testers(db, options.assignees))
            var run = Run(
                id: nil, project: project, planId: planID, title: title ?? plan.title, build: build, commitId: commit,
                createdById: principal.userID, createdAt: now, rerunOf: rerunOf)
            try Self.insert(&run, slots: slots, in: db)
            var summary = "plan \(planID) at \(commit.prefix(12)), \(slots.count) executions"
            if let rerunOf { summary += ", re-running run \(rerunOf)" }
            try Self.audit(db, by: principal.userID, .create, .run, "\(run.id ?? 0)", summary, at: now)
            return (run, slots.count)
        }
    }

    /// A new run with the (case, device) slots and assignees of run `runID`, at the snapshot's
    /// commit (cases gone since are left out), every execution untested.
    package func cloneRun(
        _ runID: Int64, project: String, title: String?, build: String?, commit: String, snapshot: Snapshot, by principal: Principal,
        now: Date = Date()
    ) async throws -> (run: Run, executions: Int) {
        try principal.require(.tester)
        return try await writer.write { db in
            let source = try Self.run(db, runID, project: project)
            var slots: [Slot] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT caseId, deviceId, assigneeId FROM execution WHERE runId = ? ORDER BY id", arguments: [runID])
            while let row = try rows.next() {
                let caseID: String = row[0]
                guard let testCase = snapshot.testCase(caseID) else { continue }
                slots.append(Slot(caseID: caseID, device: row[1], group: testCase.group, version: snapshot.version(of: testCase), assignee: row[2]))
            }
            var run = Run(
                id: nil, project: project, planId: source.planId, title: title ?? source.title, build: build ?? source.build, commitId: commit,
                createdById: principal.userID, createdAt: now)
            try Self.insert(&run, slots: slots, in: db)
            try Self.audit(db, by: principal.userID, .create, .run, "\(run.id ?? 0)", "clone of run \(runID), \(slots.count) executions", at: now)
            return (run, slots.count)
        }
    }

    /// The slots of `rerun`'s run whose result it asks for.
    private static func slots(_ db: Database, of rerun: RunOptions.Rerun, snapshot: Snapshot) throws -> Set<SlotKey> {
        var chosen: Set<SlotKey> = []
        let wanted = Set(rerun.statuses.map(\.rawValue))
        let rows = try Row.fetchCursor(
            db, sql: "SELECT caseId, coalesce(deviceId, ''), status, caseVersion FROM execution WHERE runId = ?", arguments: [rerun.run])
        while let row = try rows.next() {
            let caseID: String = row[0], status: String = row[2], version: String = row[3]
            var take = wanted.contains(status)
            if !take, rerun.outdated, let testCase = snapshot.testCase(caseID) {
                take = version != snapshot.version(of: testCase) && version != testCase.contentID
            }
            if take { chosen.insert(SlotKey(caseID: caseID, device: row[1])) }
        }
        return chosen
    }

    /// The ids of the users named, each a tester or admin who is not disabled.
    private static func testers(_ db: Database, _ usernames: [String]) throws -> [Int64] {
        try usernames.map { username in
            let user = try Self.user(db, named: username)
            guard user.role >= .tester, !user.disabled, let id = user.id else {
                throw StoreError.invalid("assignees", "\(username) cannot execute: \(user.disabled ? "disabled" : "a viewer")")
            }
            return id
        }
    }

    /// Gives each slot its tester: one tester gets all; several share whole groups, the largest
    /// first, each to whoever has the fewest executions so far (the first of them on a tie).
    private static func assign(_ slots: inout [Slot], to testers: [Int64]) throws {
        guard let first = testers.first else { return }
        guard testers.count > 1 else {
            for index in slots.indices { slots[index].assignee = first }
            return
        }
        var sizes: [String: Int] = [:]
        for slot in slots { sizes[slot.group, default: 0] += 1 }
        var load = Array(repeating: 0, count: testers.count)
        var owner: [String: Int64] = [:]
        for (group, size) in sizes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            let least = load.indices.min { (load[$0], $0) < (load[$1], $1) } ?? 0
            owner[group] = testers[least]
            load[least] += size
        }
        for index in slots.indices { slots[index].assignee = owner[slots[index].group] }
    }

    /// Inserts `run` and its executions, and the run's counts.
    private static func insert(_ run: inout Run, slots: [Slot], in db: Database) throws {
        try run.insert(db)
        let insert = try db.cachedStatement(
            sql: "INSERT INTO execution(runId, caseId, deviceId, groupPath, status, caseVersion, assigneeId) VALUES (?, ?, ?, ?, 'untested', ?, ?)")
        for slot in slots {
            try insert.execute(arguments: [run.id, slot.caseID, slot.device, slot.group, slot.version, slot.assignee])
        }
        for tally in Self.statusTallies {
            try db.execute(
                sql: """
                    INSERT INTO \(tally.table)(runId, \(tally.column), status, count)
                    SELECT runId, \(tally.fromExecution), 'untested', count(*) FROM execution WHERE runId = ? GROUP BY 1, 2
                    """, arguments: [run.id])
        }
    }
}
