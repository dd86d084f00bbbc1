import CasebookCore
import CasebookTestSupport
import Foundation
import GRDB
import Testing

@testable import CasebookStore

@Suite struct RunTests {
    @Test func aRunHasOneUntestedExecutionPerCaseAndDevicePinnedToItsVersion() async throws {
        let store = try await StoreFixture()
        let (run, count) = try await store.database.createRun(
            project: "S", planID: "ALL", title: nil, build: "1.0", commit: "c1", snapshot: store.snapshot, by: store.tester)
        #expect(count == 6)
        #expect(run.title == "Everything" && run.build == "1.0" && run.commitId == "c1")
        let executions = try await store.database.executions(run: try #require(run.id), project: "S").rows
        #expect(executions.map { "\($0.caseId)@\($0.deviceId ?? "")" } == ["S-2@web", "S-2@ios", "S-1@web", "S-1@ios", "S-3@web", "S-3@ios"])
        #expect(
            executions.allSatisfy { $0.status == .untested && $0.caseVersion == store.snapshot.testCase($0.caseId).map(store.snapshot.version(of:)) })
        let progress = try await store.database.progress(run: try #require(run.id), project: "S", snapshot: store.snapshot, commit: "c1")
        #expect(progress.total == 6 && progress.statuses == [.untested: 6] && progress.passRate == nil && progress.outdated.isEmpty)
    }

    @Test func unknownPlansAreNamed() async throws {
        let store = try await StoreFixture()
        await #expect(throws: StoreError.invalid("plan", "no plan 'NOPE' at c1; the project has: ALL")) {
            _ = try await store.database.createRun(
                project: "S", planID: "NOPE", title: nil, build: nil, commit: "c1", snapshot: store.snapshot, by: store.tester)
        }
    }

    @Test func bulkResultsAreAllOrNothingAndProgressCountsThem() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let good = [
            SlotResult(caseID: "S-1", device: "web", result: .init(status: .passed, duration: 1.5)),
            SlotResult(caseID: "S-1", device: "ios", result: .init(status: .failed, notes: "crash", defects: ["BUG-1"])),
        ]
        await #expect(throws: StoreError.invalid("device", "run \(runID) has case 'S-1' on ios, web, not on 'android'")) {
            _ = try await store.database.recordResults(
                good + [SlotResult(caseID: "S-1", device: "android", result: .init(status: .passed))], run: runID, project: "S",
                snapshot: store.snapshot, by: store.tester)
        }
        await #expect(throws: StoreError.invalid("case", "case 'S-9' is not in run \(runID)")) {
            _ = try await store.database.recordResults(
                good + [SlotResult(caseID: "S-9", device: "web", result: .init(status: .passed))], run: runID, project: "S", snapshot: store.snapshot,
                by: store.tester)
        }
        var progress = try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1")
        #expect(progress.statuses == [.untested: 6])

        #expect(try await store.database.recordResults(good, run: runID, project: "S", snapshot: store.snapshot, by: store.tester) == 2)
        progress = try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1")
        #expect(progress.statuses == [.untested: 4, .passed: 1, .failed: 1])
        #expect(progress.devices["web"] == [.untested: 2, .passed: 1] && progress.devices["ios"] == [.untested: 2, .failed: 1])
        #expect(progress.groups["a"] == [.passed: 1, .failed: 1] && progress.groups["a/b"] == [.untested: 2])
        #expect(progress.passRate == 0.5)
        let retest = SlotResult(caseID: "S-2", device: "web", result: .init(status: .retest))
        #expect(try await store.database.recordResults([retest], run: runID, project: "S", snapshot: store.snapshot, by: store.tester) == 1)
        progress = try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1")
        #expect(progress.statuses[.retest] == 1 && progress.passRate == 0.5, "a result to run again is not decided")
        let failed = try await store.database.executions(run: runID, project: "S", filter: ExecutionFilter(status: .failed)).rows
        #expect(failed.map(\.defects) == [["BUG-1"]] && failed.first?.notes == "crash" && failed.first?.executedById == store.tester.userID)
    }

    @Test func bulkResultsKeepEveryValueAsSentAndTheLastOfASlot() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let started = Date(timeIntervalSince1970: 1_790_000_000)
        let finished = started.addingTimeInterval(42.5)
        let notes = "ünïcödé \"quoted\" line\nbreak"
        let results = [
            SlotResult(caseID: "S-2", device: "web", result: .init(status: .failed, notes: "first")),
            SlotResult(
                caseID: "S-2", device: "web",
                result: .init(status: .blocked, notes: notes, defects: ["BUG-7", "BUG-8"], duration: 42.5, startedAt: started, finishedAt: finished)),
            SlotResult(caseID: "S-1", device: "ios", result: .init(status: .passed)),
        ]
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await store.database.recordResults(results, run: runID, project: "S", snapshot: store.snapshot, by: store.tester, now: now) == 3)
        let executions = try await store.database.executions(run: runID, project: "S").rows
        let blocked = try #require(executions.first { $0.caseId == "S-2" && $0.deviceId == "web" })
        #expect(blocked.status == .blocked)
        #expect(blocked.notes == notes)
        #expect(blocked.defects == ["BUG-7", "BUG-8"] && blocked.duration == 42.5)
        #expect(blocked.startedAt == started && blocked.finishedAt == finished)
        let passed = try #require(executions.first { $0.caseId == "S-1" && $0.deviceId == "ios" })
        #expect(passed.status == .passed && passed.notes == nil && passed.startedAt == nil && passed.finishedAt == now && passed.defects.isEmpty)
        #expect(executions.filter { $0.status != .untested }.count == 2)
    }

    /// The counts progress reads stay equal to the executions, whatever order results come in:
    /// the same slot twice in one bulk, a slot recorded again, single results between bulks.
    @Test func countsFollowEveryRewrite() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let bulks: [[(String, String, ExecutionStatus)]] = [
            [("S-1", "web", .passed), ("S-1", "web", .failed), ("S-2", "ios", .blocked)],
            [("S-1", "web", .retest), ("S-3", "web", .skipped), ("S-2", "ios", .untested)],
            [("S-3", "web", .passed), ("S-3", "ios", .passed)],
        ]
        for bulk in bulks {
            let results = bulk.map { SlotResult(caseID: $0.0, device: $0.1, result: .init(status: $0.2)) }
            _ = try await store.database.recordResults(results, run: runID, project: "S", snapshot: store.snapshot, by: store.tester)
            let executions = try await store.database.executions(run: runID, project: "S").rows
            let progress = try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1")
            #expect(progress.statuses.filter { $0.value > 0 } == Dictionary(grouping: executions, by: \.status).mapValues(\.count))
            #expect(progress.devices["web"]?.values.reduce(0, +) == 3 && progress.devices["ios"]?.values.reduce(0, +) == 3)
            let counted = try await store.database.reader.read { db in
                try Int.fetchOne(db, sql: "SELECT sum(results) FROM executedVersion WHERE runId = ?", arguments: [runID])
            }
            #expect(counted == executions.filter { $0.status != .untested }.count)
        }
    }

    @Test func resultsOfAChangedCaseAreOutdated() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let executions = try await store.database.executions(run: runID, project: "S", filter: ExecutionFilter(caseID: "S-2")).rows
        _ = try await store.database.recordResult(
            .init(status: .passed), execution: try #require(executions.first?.id), run: runID, project: "S", snapshot: store.snapshot,
            by: store.tester)
        var files = StoreFixture.files
        files["cases/a/b/two.yaml"] = "id: S-2\ntitle: Two, reworded\nsteps: [{ action: A }]\n"
        files["cases/c/three.yaml"] = nil
        let changed = try Snapshot.load(from: MemoryTree(files))
        _ = try await store.database.recordResults(
            [SlotResult(caseID: "S-3", device: "web", result: .init(status: .blocked))], run: runID, project: "S", snapshot: store.snapshot,
            by: store.tester)
        // Read at the first commit (and kept in the progress cache), then at the second: the
        // cache answers for one commit only.
        #expect(try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1").outdated.isEmpty)
        let progress = try await store.database.progress(run: runID, project: "S", snapshot: changed, commit: "c2")
        #expect(progress.outdated.map(\.caseID) == ["S-2", "S-3"])
        #expect(
            progress.outdated[0].currentVersion == changed.testCase("S-2").map(changed.version(of:)) && progress.outdated[1].currentVersion == nil)
        // Executing the new version makes the result current again.
        _ = try await store.database.recordResult(
            .init(status: .failed), execution: try #require(executions.first?.id), run: runID, project: "S", snapshot: changed, by: store.tester)
        #expect(try await store.database.progress(run: runID, project: "S", snapshot: changed, commit: "c2").outdated.map(\.caseID) == ["S-3"])
    }

    /// Results recorded before versions were kept hold the file's blob id: current while the file is.
    @Test func aResultPinnedToABlobIdStaysCurrentWhileTheFileIs() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        _ = try await store.database.recordResults(
            [SlotResult(caseID: "S-2", device: "web", result: .init(status: .passed))], run: runID, project: "S", snapshot: store.snapshot,
            by: store.tester)
        let blob = try #require(store.snapshot.testCase("S-2")?.contentID)
        try await store.database.writer.write { db in
            try db.execute(
                sql: "UPDATE execution SET caseVersion = ? WHERE caseId = 'S-2'; UPDATE executedVersion SET caseVersion = ? WHERE caseId = 'S-2'",
                arguments: [blob, blob])
        }
        #expect(try await store.database.progress(run: runID, project: "S", snapshot: store.snapshot, commit: "c1").outdated.isEmpty)
        var files = StoreFixture.files
        files["cases/a/b/two.yaml"] = "id: S-2\ntitle: Two, reworded\nsteps: [{ action: A }]\n"
        let changed = try Snapshot.load(from: MemoryTree(files))
        #expect(try await store.database.progress(run: runID, project: "S", snapshot: changed, commit: "c2").outdated.map(\.caseID) == ["S-2"])
    }

    @Test func closedRunsTakeNoResultsUntilReopened() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        _ = try await store.database.setRun(runID, project: "S", closed: true, by: store.tester)
        let result = [SlotResult(caseID: "S-1", device: "web", result: .init(status: .passed))]
        await #expect(throws: StoreError.conflict("run \(runID) is closed; reopen it to record results")) {
            _ = try await store.database.recordResults(result, run: runID, project: "S", snapshot: store.snapshot, by: store.tester)
        }
        #expect(try await store.database.runs(project: "S", .init(open: true)).total == 0)
        _ = try await store.database.setRun(runID, project: "S", closed: false, by: store.tester)
        #expect(try await store.database.recordResults(result, run: runID, project: "S", snapshot: store.snapshot, by: store.tester) == 1)
        #expect(try await store.database.caseExecutions(project: "S", caseID: "S-1").rows.map(\.execution.status) == [.passed])
    }

    @Test func theDatabaseFileIsInWALModeWithForeignKeys() async throws {
        let store = try await StoreFixture()
        let (mode, keys) = try await store.database.reader.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal" && keys == true)
        let copy = store.folder.path + "/backup.sqlite"
        try store.database.backup(to: copy)
        let users = try await DatabaseQueue(path: copy).read { db in try String.fetchAll(db, sql: "SELECT username FROM user ORDER BY username") }
        #expect(users == ["ada", "tim"])
        #expect(throws: StoreError.self) { try store.database.backup(to: copy) }
    }
}

@Suite struct CaseHistoryTests {
    @Test func countsRecordedResultsAndLiveCommentsPerCase() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        _ = try await store.database.recordResults(
            [
                SlotResult(caseID: "S-1", device: "web", result: .init(status: .passed)),
                SlotResult(caseID: "S-1", device: "ios", result: .init(status: .failed)),
            ],
            run: runID, project: "S", snapshot: store.snapshot, by: store.tester)
        _ = try await store.database.addComment("Flaky on iOS", on: Target(.case, "S-2"), project: "S", by: store.tester)
        let gone = try await store.database.addComment("Old note", on: Target(.case, "S-3"), project: "S", by: store.tester)
        try await store.database.deleteComment(try #require(gone.id), project: "S", by: store.tester)
        let history = try await store.database.caseHistory(project: "S", caseIDs: ["S-1", "S-2", "S-3", "S-9"])
        #expect(history.results == ["S-1": 2])  // untested executions are no results
        #expect(history.comments == ["S-2": 1])
        #expect(try await store.database.caseHistory(project: "OTHER", caseIDs: ["S-1", "S-2"]).results.isEmpty)
    }
}
