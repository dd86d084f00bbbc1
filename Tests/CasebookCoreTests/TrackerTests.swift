import CasebookCore
import CasebookTestSupport
import Testing

/// `tracker:` in casebook.yaml: checked like every setting; defect ids link, and a new issue is
/// a link with the title and description filled in.
@Suite struct TrackerTests {
    static func snapshot(_ tracker: String) throws -> Snapshot {
        try Snapshot.load(from: MemoryTree(["casebook.yaml": "project: { key: S, name: S }\ntracker:\n" + tracker]))
    }

    @Test func aTrackerLinksDefectsAndNewIssues() throws {
        let snapshot = try Self.snapshot(
            "  url: https://tracker.example/browse/{id}\n  pattern: \"[A-Z]+-[0-9]+\"\n  new: https://tracker.example/new?s={title}&d={description}\n"
        )
        #expect(snapshot.findings.isEmpty)
        let tracker = try #require(snapshot.settings.tracker)
        #expect(
            tracker.link("SHOP-12") == "https://tracker.example/browse/SHOP-12" && tracker.link("shop 12") == nil && tracker.link("xSHOP-12") == nil)
        #expect(tracker.newIssue(title: "A & B", description: "line\n2") == "https://tracker.example/new?s=A%20%26%20B&d=line%0A2")
    }

    @Test(arguments: [
        ("  url: ftp://tracker.example/{id}\n", "value.url", 3),
        ("  url: https://tracker.example/browse/\n", "value.url", 3),
        ("  url: https://t.example/{id}\n  pattern: \"[A-Z\"\n", "schema.type", 4),
        ("  url: https://t.example/{id}\n  colour: red\n", "schema.unknown-key", 4),
        ("  pattern: x\n", "schema.missing-key", 3),
    ])
    func aBadTrackerIsALocatedFinding(_ tracker: String, _ rule: String, _ line: Int) throws {
        let finding = try #require(try Self.snapshot(tracker).findings.first)
        #expect(finding.rule.rawValue == rule && finding.mark.line == line && finding.file == "casebook.yaml", "\(finding)")
    }
}
