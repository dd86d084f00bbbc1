import CasebookCore
import CasebookGit
import CasebookTestSupport
import Testing

/// A generated repository of 300 cases in git, changed commit by commit: a snapshot derived from
/// the previous commit's must be the one a full load of the commit gives.
private struct GeneratedHistory {
    let fixture: GitFixture
    let cases: CaseRepository
    let first: String

    init() throws {
        fixture = try GitFixture()
        var files: [String: String] = [:]
        for (path, content) in RepositoryGenerator(caseCount: 300).files() { files[path] = content }
        try fixture.write(files)
        first = try fixture.commit("Generate 300 cases")
        cases = try CaseRepository(at: fixture.path)
    }

    static func testCase(_ id: String, tags: [String], priority: String = "medium", steps: String = "  - action: Open it\n    expected: It opens\n")
        -> String
    {
        "id: \(id)\ntitle: Case \(id)\npriority: \(priority)\ntags: [\(tags.joined(separator: ", "))]\nsteps:\n\(steps)fields: { component: web }\n"
    }

    /// The path of the generated case `GEN-number`.
    func path(of number: Int, in snapshot: Snapshot) throws -> String {
        try #require(snapshot.testCase("GEN-\(number)")).path
    }

    /// The snapshot derived from `previous` for `commit`, or `nil` when it takes a full load.
    func derive(_ previous: Snapshot, from old: String, to commit: String) throws -> Snapshot? {
        let changes = try cases.changes(from: old, to: commit)
        return previous.applying(changes.files, reader: changes.reader)
    }

    /// Everything a reader of a snapshot sees, as text to compare.
    static func picture(of snapshot: Snapshot) -> [String] {
        var lines = snapshot.cases.map { "case \($0.id) \($0.path) \($0.title) \($0.tags) \($0.priority)" }
        lines += snapshot.findings.map { "finding \($0.rule.rawValue) \($0.file):\($0.mark.line):\($0.mark.column) \($0.message)" }
        lines += snapshot.files.sorted().map { "file \($0)" }
        lines += snapshot.groups.keys.sorted().map { "group \($0) \(snapshot.groups[$0]?.title ?? "") \(snapshot.caseCount(inGroup: $0))" }
        lines += snapshot.subgroups(of: nil).map { "top \($0.id)" }
        for id in snapshot.resolvedPlans.keys.sorted() {
            let plan = snapshot.resolvedPlans[id]
            lines.append("plan \(id) \(plan?.caseIDs ?? []) \(plan?.devices ?? []) \(plan?.entries.count ?? 0)")
        }
        let statistics = snapshot.statistics()
        lines.append("tags \(statistics.byTag.map { "\($0.0)=\($0.1)" })")
        for (tag, _) in statistics.byTag {
            var query = CaseQuery()
            query.tags = [tag, "smoke"]
            query.limit = 500
            let page = snapshot.cases(matching: query)
            lines.append("tagged \(tag) smoke: \(page.total) \(page.cases.map(\.id))")
        }
        lines += snapshot.cases.map { "lookup \($0.id) \(snapshot.testCase($0.id)?.path ?? "missing")" }
        return lines
    }
}

@Suite struct DerivedSnapshotTests {
    @Test func aCommitChangingCasesIsDerivedAsAFullLoadWouldLoadIt() throws {
        let history = try GeneratedHistory()
        let base = try Snapshot.load(from: history.cases.tree(at: history.first))

        // Edits that move cases into and out of plans, a new case in a new nested group using an
        // unknown block, a deleted case, a broken file, and a file casebook does not read.
        try history.fixture.write([
            try history.path(of: 5, in: base): GeneratedHistory.testCase("GEN-5", tags: ["smoke"], priority: "critical"),
            try history.path(of: 6, in: base): GeneratedHistory.testCase("GEN-6", tags: ["flaky", "smoke"], priority: "low"),
            "cases/brand-new/deep/new-case.yaml": GeneratedHistory.testCase("GEN-9001", tags: ["fresh"], steps: "  - use: NO-SUCH-BLOCK\n"),
            try history.path(of: 8, in: base): "id: GEN-8\ntitle: [unclosed\n",
            "README.md": "# Edited\n",
        ])
        try history.fixture.remove(try history.path(of: 7, in: base))
        let second = try history.fixture.commit("Edit, add, delete and break cases")
        let derived = try #require(try history.derive(base, from: history.first, to: second))
        let loaded = try Snapshot.load(from: history.cases.tree(at: second))
        #expect(GeneratedHistory.picture(of: derived) == GeneratedHistory.picture(of: loaded))
        #expect(derived.parsedFiles == 4)
        #expect(derived.findings.contains { $0.rule == .stepUnknownBlock && $0.file == "cases/brand-new/deep/new-case.yaml" })
        #expect(derived.groups["brand-new"] != nil && derived.groups["brand-new/deep"] != nil)
        #expect(derived.resolvedPlans["PLAN-SMOKE"]?.caseIDs.contains("GEN-5") == true)
        #expect(derived.resolvedPlans["PLAN-SMOKE"]?.caseIDs.contains("GEN-6") == false)  // excluded as flaky

        // Then: a case the plans name by id is deleted (a new finding), the broken file is fixed,
        // a case moves to another group, and the new case is edited.
        try history.fixture.remove(try history.path(of: 2, in: base))
        try history.fixture.write([
            try history.path(of: 8, in: base): GeneratedHistory.testCase("GEN-8", tags: ["regression"], priority: "high"),
            "cases/brand-new/deep/new-case.yaml": GeneratedHistory.testCase("GEN-9001", tags: ["fresh", "smoke"]),
        ])
        try history.fixture.move(try history.path(of: 9, in: base), to: "cases/brand-new/moved.yaml")
        let third = try history.fixture.commit("Delete GEN-2, fix GEN-8, move GEN-9")
        let derivedAgain = try #require(try history.derive(derived, from: second, to: third))
        let loadedAgain = try Snapshot.load(from: history.cases.tree(at: third))
        #expect(GeneratedHistory.picture(of: derivedAgain) == GeneratedHistory.picture(of: loadedAgain))
        #expect(derivedAgain.findings.contains { $0.rule == .planUnknownCase && $0.message.contains("GEN-2") })
        #expect(!derivedAgain.findings.contains { $0.file == "cases/brand-new/deep/new-case.yaml" })

        // The same snapshot derived across both commits at once; going back empties the new groups.
        let across = try #require(try history.derive(base, from: history.first, to: third))
        #expect(GeneratedHistory.picture(of: across) == GeneratedHistory.picture(of: loadedAgain))
        #expect(try history.derive(loadedAgain, from: third, to: history.first) == nil)
    }

    /// A snapshot that already has plan findings and is derived again reports each once, as a
    /// full load does.
    @Test func findingsOfTheSnapshotDerivedFromAreNotRepeated() throws {
        let history = try GeneratedHistory()
        try history.fixture.write(["plans/broken.yaml": "id: PLAN-BROKEN\ntitle: Broken\ninclude:\n  - case: GEN-99999\n  - group: nowhere\n"])
        let planned = try history.fixture.commit("A plan naming what does not exist")
        let base = try Snapshot.load(from: history.cases.tree(at: planned))
        let planFindings = base.findings.filter { $0.file == "plans/broken.yaml" }
        #expect(planFindings.count >= 2)
        try history.fixture.write([try history.path(of: 5, in: base): GeneratedHistory.testCase("GEN-5", tags: ["smoke"], priority: "low")])
        let edited = try history.fixture.commit("Edit a case")
        let derived = try #require(try history.derive(base, from: planned, to: edited))
        #expect(derived.findings.filter { $0.file == "plans/broken.yaml" }.count == planFindings.count)
        #expect(GeneratedHistory.picture(of: derived) == GeneratedHistory.picture(of: try Snapshot.load(from: history.cases.tree(at: edited))))
        let again = try #require(try history.derive(derived, from: edited, to: planned))
        #expect(again.findings.filter { $0.file == "plans/broken.yaml" }.count == planFindings.count)
    }

    @Test func changesThatReachBeyondCasesTakeAFullLoad() throws {
        let history = try GeneratedHistory()
        let base = try Snapshot.load(from: history.cases.tree(at: history.first))
        func expectFullLoad(_ message: String, _ change: () throws -> Void) throws {
            try history.fixture.git("reset", "-q", "--hard", history.first)
            try change()
            let commit = try history.fixture.commit(message)
            #expect(try history.derive(base, from: history.first, to: commit) == nil, "\(message)")
        }
        try expectFullLoad("a plan changes") {
            try history.fixture.write(["plans/smoke.yaml": "id: PLAN-SMOKE\ntitle: Smoke\ninclude:\n  - tags: [smoke]\n"])
        }
        try expectFullLoad("the settings change") {
            try history.fixture.write(["casebook.yaml": "project: { key: GEN, name: Renamed }\n"])
        }
        try expectFullLoad("a shared-step block changes") {
            try history.fixture.write([
                "shared-steps/login.yaml": "id: LOGIN-STEPS\ntitle: Sign in\nsteps:\n  - action: Sign in\n    expected: Signed in\n"
            ])
        }
        try expectFullLoad("a group file changes") { try history.fixture.write(["cases/checkout/group.yaml": "title: Paying\n"]) }
        try expectFullLoad("a new case takes an id in use") {
            try history.fixture.write(["cases/checkout/copy.yaml": GeneratedHistory.testCase("GEN-1", tags: ["smoke"])])
        }
        try expectFullLoad("a misplaced file") { try history.fixture.write(["notes/todo.yaml": "x: 1\n"]) }

        // A group left without cases disappears, which only a full load works out.
        try history.fixture.git("reset", "-q", "--hard", history.first)
        try history.fixture.write(["cases/lonely/only.yaml": GeneratedHistory.testCase("GEN-9100", tags: ["smoke"])])
        let withLonely = try history.fixture.commit("A group of one")
        let lonely = try #require(try history.derive(base, from: history.first, to: withLonely))
        #expect(lonely.groups["lonely"] != nil)
        try history.fixture.remove("cases/lonely/only.yaml")
        let without = try history.fixture.commit("Empty the group")
        #expect(try history.derive(lonely, from: withLonely, to: without) == nil)

        // A repository with an id used twice is loaded whole until it is fixed; a list by tag
        // finds both cases.
        try history.fixture.write([
            "cases/checkout/twin.yaml": GeneratedHistory.testCase("GEN-9300", tags: ["pair"]),
            "cases/checkout/twin-2.yaml": GeneratedHistory.testCase("GEN-9300", tags: ["pair", "pair"]),
        ])
        let twin = try history.fixture.commit("Use GEN-9300 twice")
        let twinned = try Snapshot.load(from: history.cases.tree(at: twin))
        var pairs = CaseQuery()
        pairs.tags = ["pair"]
        #expect(twinned.cases(matching: pairs).cases.map(\.path) == ["cases/checkout/twin-2.yaml", "cases/checkout/twin.yaml"])
        try history.fixture.write(["cases/checkout/other.yaml": GeneratedHistory.testCase("GEN-9200", tags: [])])
        let next = try history.fixture.commit("Add a case")
        #expect(try history.derive(twinned, from: twin, to: next) == nil)
    }
}
