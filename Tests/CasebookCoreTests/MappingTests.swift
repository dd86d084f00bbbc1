import CasebookTestSupport
import Testing

@testable import CasebookCore

@Suite struct MappingTests {
    static let settings = """
        project: { key: SHOP, name: Shop }
        devices: [{ id: chrome, name: Chrome }]
        fields:
          flag: { type: string }
          points: { type: integer }
          manual-only: { type: boolean }
          budget: { type: duration }
          labels: { type: list }
          spec: { type: url }
        """

    private func load(_ files: [String: String]) throws -> Snapshot {
        try Snapshot.load(from: MemoryTree(["casebook.yaml": Self.settings].merging(files) { $1 }))
    }

    @Test func typingFollowsTheSchemaNotYAML11() throws {
        let snapshot = try load([
            "cases/a.yaml": """
            id: SHOP-1
            title: no
            owner: on
            tags: [1.10, yes, off]
            requirements: [0x10]
            steps:
              - action: 1.10
                expected: no
            fields: { flag: no, points: 7, manual-only: false, budget: 1h30m, labels: [a, on], spec: "https://x.example/s" }
            """
        ])
        #expect(snapshot.findings.isEmpty)
        let testCase = try #require(snapshot.testCase("SHOP-1"))
        #expect(testCase.title == "no")
        #expect(testCase.owner == "on")
        #expect(testCase.tags == ["1.10", "yes", "off"])
        #expect(testCase.requirements == ["0x10"])
        #expect(testCase.steps.first?.kind == .action(action: "1.10", expected: "no"))
        #expect(testCase.fields["flag"] == .text("no"))
        #expect(testCase.fields["points"] == .integer(7))
        #expect(testCase.fields["manual-only"] == .boolean(false))
        #expect(testCase.fields["budget"] == .duration(seconds: 5400))
        #expect(testCase.fields["labels"] == .list(["a", "on"]))
    }

    @Test func defaults() throws {
        let snapshot = try load(["cases/web/a.yaml": "id: SHOP-1\ntitle: T\nsteps: [{ action: A }]\n"])
        let testCase = try #require(snapshot.testCase("SHOP-1"))
        #expect(testCase.priority == "medium")
        #expect(testCase.type == "functional")
        #expect(testCase.automation == Automation(status: .manual))
        #expect(testCase.group == "web")
        #expect(snapshot.groups["web"]?.title == "web")
    }

    @Test(arguments: [
        ("manual-only: yes", "field.value"), ("points: 1.5", "field.value"), ("budget: soon", "field.value"),
        ("labels: a", "field.value"), ("spec: not a url", "field.value"), ("flag: [a]", "field.value"),
    ])
    func mistypedCustomFields(_ field: String, _ rule: String) throws {
        let snapshot = try load(["cases/a.yaml": "id: SHOP-1\ntitle: T\nsteps: [{ action: A }]\nfields:\n  \(field)\n"])
        #expect(snapshot.findings.map(\.rule.rawValue) == [rule])
        #expect(snapshot.findings.first?.mark.line == 5)
    }

    @Test func projectPrioritiesAndTypesReplaceTheDefaults() throws {
        let files = [
            "casebook.yaml": "project: { key: APP, name: App }\npriorities: [p1, p2]\ntypes: [exploratory]\n",
            "cases/a.yaml": "id: APP-1\ntitle: T\npriority: p2\ntype: exploratory\nsteps: [{ action: A }]\n",
            "cases/b.yaml": "id: APP-2\ntitle: T\npriority: high\nsteps: [{ action: A }]\n",
        ]
        let snapshot = try Snapshot.load(from: MemoryTree(files))
        #expect(snapshot.findings.map(\.rule) == [.casePriority])
        #expect(snapshot.testCase("APP-1")?.priority == "p2")
    }

    @Test func groupMetadataAndAncestors() throws {
        let snapshot = try load([
            "cases/shop/checkout/group.yaml": "title: Checkout\nowner: carol\n",
            "cases/shop/checkout/refunds/a.yaml": "id: SHOP-1\ntitle: T\nsteps: [{ action: A }]\n",
        ])
        #expect(snapshot.findings.isEmpty)
        #expect(Set(snapshot.groups.keys) == ["shop", "shop/checkout", "shop/checkout/refunds"])
        #expect(snapshot.groups["shop/checkout"]?.title == "Checkout")
        #expect(snapshot.groups["shop/checkout/refunds"]?.parent == "shop/checkout")
    }

    @Test func missingSettingsIsNotARepository() {
        #expect(throws: CasebookError.notARepository(path: ".")) {
            try Snapshot.load(from: MemoryTree(["cases/a.yaml": "id: SHOP-1\n"]))
        }
    }

    @Test func brokenSettingsStillChecksTheCases() throws {
        let snapshot = try Snapshot.load(
            from: MemoryTree(["casebook.yaml": "project: [\n", "cases/a.yaml": "id: SHOP-1\ntitle: T\npriority: hgh\nsteps: [{ action: A }]\n"]))
        #expect(snapshot.findings.map(\.rule) == [.yamlSyntax, .casePriority])
    }
}

/// A tree that lists a file it then cannot read, like a file removed while casebook runs.
private struct VanishingFileTree: SourceTree, SourceReader {
    let inner = MemoryTree(["casebook.yaml": "project: { key: S, name: S }\n", "cases/a.yaml": "id: S-1\ntitle: T\nsteps: [{ action: A }]\n"])

    func files() throws(CasebookError) -> [SourceFile] {
        try inner.files() + [SourceFile(path: "cases/gone.yaml")]
    }

    func reader() -> VanishingFileTree {
        self
    }

    func contents(of path: String) throws(CasebookError) -> [UInt8] {
        try inner.contents(of: path)
    }
}

@Suite struct UnreadableFileTests {
    @Test func anUnreadableFileIsAFindingAndTheRestIsChecked() throws {
        let snapshot = try Snapshot.load(from: VanishingFileTree())
        #expect(snapshot.findings.map(\.rule) == [.fileUnreadable])
        #expect(snapshot.findings.first?.file == "cases/gone.yaml")
        #expect(snapshot.findings.first?.message.contains("no such file") == true)
        #expect(snapshot.testCase("S-1") != nil)
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [("hgh", "high"), ("expexted", "expected"), ("componnent", "component"), ("automatic", "automated")])
    func nearMissesAreSuggested(_ word: String, _ expected: String) {
        let candidates = ["critical", "high", "medium", "low", "expected", "action", "component", "automated", "manual"]
        #expect(Suggestion.nearest(to: word, in: candidates) == expected)
    }

    @Test func farWordsAreNot() {
        #expect(Suggestion.nearest(to: "exploratory", in: ["functional", "smoke"]) == nil)
        #expect(Suggestion.editDistance("", "abc", limit: 5) == 3)
        #expect(Suggestion.editDistance("kitten", "sitting", limit: 5) == 3)
    }
}

/// "Did you mean" over sets too large to scan for every unknown reference.
@Suite struct LargeSuggestionTests {
    static let ids = (1...20_000).map { "SHOP-\($0)" }

    /// Words with candidates one edit away: the index finds what a scan of every candidate finds.
    @Test(arguments: ["SHOP-12430", "SHOP-1x243", "SHO-1243", "shop-777", "SHOP-30000", "SHOP-21000", "SHOP-1999x", "SHOP-99999"])
    func theIndexAgreesWithAScan(_ word: String) {
        let scanned = Suggestion.nearest(to: word, in: Self.ids)
        #expect(scanned != nil)
        #expect(Suggestions { Self.ids }.nearest(to: word) == scanned)
    }

    @Test func typosAreFoundAndStrangersAreNot() {
        let suggestions = Suggestions { Self.ids + ["LOGIN-STEPS"] }
        #expect(suggestions.nearest(to: "LOGNI-STEPS") == "LOGIN-STEPS")
        #expect(suggestions.nearest(to: "SHO-1243") == "SHOP-1243")
        #expect(suggestions.nearest(to: "CHECKOUT-FLOW") == nil)
        #expect(suggestions.hint(for: "XYZ-99999") == "")
        #expect(suggestions.hint(for: "SHOP-1999x") == " (did you mean 'SHOP-1999'?)")
    }

    @Test func smallSetsAreScanned() {
        let suggestions = Suggestions { ["critical", "high", "medium", "low"] }
        #expect(suggestions.nearest(to: "hgh") == "high")
        #expect(suggestions.nearest(to: "exploratory") == nil)
    }
}
