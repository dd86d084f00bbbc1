import CasebookCore
import CasebookTestSupport
import Foundation
import GRDB
import Testing

@testable import CasebookStore

/// Runs made with options (devices, re-runs, assignees), clones, bulk changes, concurrent
/// writers, step results, and where an execution is in its run.
@Suite struct PlanningTests {
    /// "S-1@web" for each execution of run `runID`.
    static func slots(_ store: StoreFixture, _ runID: Int64) async throws -> [String] {
        try await store.database.executions(run: runID, project: "S").rows.map { "\($0.caseId)@\($0.deviceId ?? "")" }
    }

    @Test func aRunTakesASubsetOfThePlansDevicesAndItsTesters() async throws {
        let store = try await StoreFixture()
        let (run, count) = try await store.database.createRun(
            project: "S", planID: "ALL", title: nil, build: nil, commit: "c1", snapshot: store.snapshot,
            options: RunOptions(devices: ["ios"], assignees: ["ada", "tim"]), by: store.tester)
        let slots = try await Self.slots(store, try #require(run.id))
        #expect(count == 3 && slots == ["S-2@ios", "S-1@ios", "S-3@ios"])
        // Each group whole to one tester, the groups shared.
        let executions = try await store.database.executions(run: try #require(run.id), project: "S").rows
        var owners: [String: Set<Int64>] = [:]
        for execution in executions { owners[execution.groupPath, default: []].insert(try #require(execution.assigneeId)) }
        #expect(owners.values.allSatisfy { $0.count == 1 } && Set(owners.values.flatMap { $0 }) == [store.admin.userID, store.tester.userID])
        await #expect(throws: StoreError.invalid("devices", "plan ALL does not run on 'android'; its devices: web, ios")) {
            _ = try await store.database.createRun(
                project: "S", planID: "ALL", title: nil, build: nil, commit: "c1", snapshot: store.snapshot,
                options: RunOptions(devices: ["android"]),
                by: store.tester)
        }
        await #expect(throws: StoreError.notFound(what: "user", id: "nobody")) {
            _ = try await store.database.createRun(
                project: "S", planID: "ALL", title: nil, build: nil, commit: "c1", snapshot: store.snapshot,
                options: RunOptions(assignees: ["nobody"]),
                by: store.tester)
        }
    }

    @Test func aReRunTakesWhatFailedAndLinksToItsRunAndACloneTakesEverything() async throws {
        let store = try await StoreFixture()
        let first = try #require(try await store.run().id)
        let results = [
            SlotResult(caseID: "S-1", device: "web", result: .init(status: .failed)),
            SlotResult(caseID: "S-2", device: "ios", result: .init(status: .passed)),
            SlotResult(caseID: "S-3", device: "web", result: .init(status: .blocked)),
        ]
        _ = try await store.database.recordResults(results, run: first, project: "S", snapshot: store.snapshot, by: store.tester)
        let (rerun, count) = try await store.database.createRun(
            project: "S", planID: "ALL", title: "Failures again", build: "1.1", commit: "c2", snapshot: store.snapshot,
            options: RunOptions(rerun: .init(run: first, statuses: [.failed, .blocked], outdated: false)), by: store.tester)
        let rerunSlots = try await Self.slots(store, try #require(rerun.id))
        #expect(count == 2 && rerun.rerunOf == first && rerunSlots == ["S-1@web", "S-3@web"])
        let (clone, all) = try await store.database.cloneRun(
            first, project: "S", title: nil, build: "1.2", commit: "c2", snapshot: store.snapshot, by: store.tester)
        #expect(all == 6 && clone.title == "Everything" && clone.build == "1.2" && clone.rerunOf == nil)
        let statuses = try await store.database.executions(run: try #require(clone.id), project: "S").rows.map(\.status)
        #expect(statuses.allSatisfy { $0 == .untested })
    }

    @Test func aBulkChangeIsOneTransactionAndOneAuditEntry() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let ids = try await store.database.executions(run: runID, project: "S").rows.compactMap(\.id)
        let changed = try await store.database.updateExecutions(
            run: runID, project: "S", ids: Array(ids.prefix(4)), filter: ExecutionFilter(),
            changes: ExecutionChanges(status: .failed, assignee: .some(store.tester.userID), notes: "login broken"), snapshot: store.snapshot,
            by: store.tester)
        #expect(changed == 4)
        let progress = try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1")
        #expect(progress.statuses == [.failed: 4, .untested: 2])
        let failed = try await store.database.executions(run: runID, project: "S", filter: ExecutionFilter(assignee: store.tester.userID)).rows
        #expect(failed.count == 4 && failed.allSatisfy { $0.notes == "login broken" && $0.version == 1 })
        // By filter: everything untested goes to nobody.
        let rest = try await store.database.updateExecutions(
            run: runID, project: "S", ids: nil, filter: ExecutionFilter(status: .untested), changes: ExecutionChanges(status: .skipped),
            snapshot: store.snapshot, by: store.tester)
        #expect(rest == 2)
        let audit = try await store.database.auditLog(.init(action: .update, targetKind: .run), by: store.admin).rows
        #expect(audit.map(\.summary) == ["2 executions: status skipped", "4 executions: status failed, assignee #\(store.tester.userID ?? 0), note"])
        await #expect(throws: StoreError.self) {
            _ = try await store.database.updateExecutions(
                run: runID, project: "S", ids: [999_999], filter: ExecutionFilter(), changes: ExecutionChanges(status: .passed),
                snapshot: store.snapshot, by: store.tester)
        }
    }

    /// Two testers record the same execution: the second, who read an older version, is told who recorded what.
    @Test func aResultAgainstAnOlderVersionIsAConflictNamingWhoRecordedIt() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let id = try #require(try await store.database.executions(run: runID, project: "S").rows.first?.id)
        let steps = [StepResult(status: .passed, note: nil), StepResult(status: .failed, note: "500 on submit")]
        let first = try await store.database.recordResult(
            .init(status: .failed, steps: steps, expectedVersion: 0), execution: id, run: runID, project: "S", snapshot: store.snapshot,
            by: store.tester)
        #expect(first.version == 1 && first.stepResults == steps)
        await #expect {
            _ = try await store.database.recordResult(
                .init(status: .passed, expectedVersion: 0), execution: id, run: runID, project: "S", snapshot: store.snapshot, by: store.admin)
        } throws: { error in
            guard case StoreError.conflict(let detail) = error else { return false }
            return detail.contains("tim recorded it as failed") && detail.contains("version 0, now 1")
        }
        #expect(StepResult.proposedStatus(steps, count: 2) == .failed && StepResult.proposedStatus([steps[0]], count: 2) == nil)
    }

    @Test func theRunnerKnowsWhereAnExecutionIsAndWhatIsNext() async throws {
        let store = try await StoreFixture()
        _ = try await store.run()  // another run first, so ids do not start at 1
        let (run, _) = try await store.database.createRun(
            project: "S", planID: "ALL", title: nil, build: nil, commit: "c1", snapshot: store.snapshot, options: RunOptions(assignees: ["tim"]),
            by: store.tester)
        let runID = try #require(run.id)
        let ids = try await store.database.executions(run: runID, project: "S").rows.compactMap(\.id)
        _ = try await store.database.updateExecutions(
            run: runID, project: "S", ids: [ids[1], ids[2]], filter: ExecutionFilter(), changes: ExecutionChanges(status: .passed),
            snapshot: store.snapshot, by: store.tester)
        let place = try await store.database.place(of: ids[0], run: runID)
        #expect(place.position == 1 && place.total == 6 && place.previous == nil && place.next == ids[1] && place.nextUntested == ids[3])
        let last = try await store.database.place(of: ids[5], run: runID)
        #expect(last.position == 6 && last.next == nil && last.nextUntested == ids[0], "from the start again")
        let firstUntested = try await store.database.firstUntested(run: runID)
        #expect(firstUntested == ids[0])
        let started = try await store.database.startExecution(ids[0], run: runID, project: "S")
        #expect(started.startedAt != nil)
        let work = try await store.database.work(of: try #require(store.tester.userID), projects: ["S"])
        let elsewhere = try await store.database.work(of: try #require(store.tester.userID), projects: ["OTHER"])
        #expect(elsewhere.isEmpty)
        #expect(work.map { $0.execution.id } == [ids[0], ids[3], ids[4], ids[5]])
    }
}
