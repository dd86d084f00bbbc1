import CasebookCore
import CasebookGit
import CasebookTestSupport
import Foundation
import Testing

@Suite struct SnapshotDiffTests {
    private static func comparison(_ repo: ReviewFixture) throws -> RevisionComparison {
        try RevisionComparison(path: repo.fixture.path, base: repo.forkPoint, head: repo.feature)
    }

    private static func golden(_ name: String, _ actual: String) throws -> String {
        try GoldenFile.expected(name, in: "Tests/CasebookGitTests/Golden", actual: actual)
    }

    @Test func theJSONDiffOfABranchNamesEveryKindOfChange() throws {
        let comparison = try Self.comparison(try ReviewFixture())
        let json = JSONText.object(comparison.diff.jsonMembers).serialized + "\n"
        #expect(json == (try Self.golden("review.json", json)))
    }

    @Test func theMarkdownCommentStartsWithTheSummaryAndLinksFiles() throws {
        let diff = try Self.comparison(try ReviewFixture()).diff
        let markdown = diff.renderMarkdown(.init(linkBase: "https://git.example/shop/blob/feature/", title: "main → feature"))
        #expect(markdown == (try Self.golden("review.md", markdown)))
    }

    @Test func aLongDiffIsSummarisedWholeSectionsAtATime() throws {
        let diff = try Self.comparison(try ReviewFixture()).diff
        let markdown = diff.renderMarkdown(.init(maximumLength: 1_500, title: "main → feature"))
        #expect(markdown.utf16.count <= 1_500)
        #expect(markdown == (try Self.golden("review-short.md", markdown)))
        #expect(markdown.components(separatedBy: "<details>").count == markdown.components(separatedBy: "</details>").count)
    }

    @Test func aLongFindingsListShowsTheFindingsThatFit() throws {
        let diff = try Self.comparison(try ReviewFixture()).diff
        let whole = diff.renderMarkdown(.init(title: "main → feature"))
        let fixedLine = try #require(whole.components(separatedBy: "\n").first { $0.hasPrefix("- ✅ fixed:") })
        let beforeFixed = try #require(whole.range(of: fixedLine)).lowerBound
        // Room for everything up to the fixed finding, but not for that finding and the omission note.
        let limit = whole[..<beforeFixed].utf16.count + fixedLine.utf16.count + 199
        let markdown = diff.renderMarkdown(.init(maximumLength: limit, title: "main → feature"))
        #expect(markdown.contains("**Findings**\n\n- 🆕 `cases/checkout/gift-card.yaml:7` error"))
        #expect(!markdown.contains("✅ fixed"))
        #expect(markdown.contains("_Not shown, to keep this comment short: 1 finding, 5 cases,"))
    }

    @Test func theTextDiffMarksWordChanges() throws {
        let text = try Self.comparison(try ReviewFixture()).diff.renderText()
        #expect(text == (try Self.golden("review.txt", text)))
    }

    @Test func theWorkingTreeIsTheDefaultHead() throws {
        let repo = try ReviewFixture()
        try repo.fixture.git("checkout", "-q", "feature")
        try repo.fixture.write(["cases/checkout/pay.yaml": "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\n    expected: Paid\n"])
        let comparison = try RevisionComparison(path: repo.fixture.path + "/cases", base: "feature", head: nil)
        #expect(comparison.headCommit == nil)
        #expect(comparison.diff.cases.map(\.id) == ["SHOP-1"])
        #expect(comparison.diff.plans.first?.casesRemoved == ["SHOP-1"])
    }

    @Test func aRepositoryWithoutChangesHasAnEmptyDiff() throws {
        let repo = try ReviewFixture()
        let comparison = try RevisionComparison(path: repo.fixture.path, base: "feature", head: repo.feature)
        #expect(comparison.diff.isEmpty)
        #expect(comparison.diff.renderMarkdown().contains("No changes"))
    }

    @Test func anUnknownBaseSaysWhichRevision() throws {
        let repo = try ReviewFixture()
        #expect(throws: GitError.unknownRevision("nope")) { try RevisionComparison(path: repo.fixture.path, base: "nope", head: nil) }
    }
}
