import CasebookTestSupport
import Foundation
import Testing

/// `casebook diff` from the command line: formats, the working tree as head, and what cannot run.
@Suite struct DiffCommandTests {
    @Test func printsEachFormat() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let json = try CommandLineTests.casebook(["diff", repo.forkPoint, "feature", "--format", "json"], in: repo.fixture.path)
        #expect(json.status == 0)
        // Each revision as given and its commit, as GET …/diff gives them.
        let document = try JSONValue(parsing: json.output)
        #expect(document["base"]?["ref"]?.string == repo.forkPoint && document["base"]?["commit"]?["id"]?.string == repo.forkPoint)
        #expect(document["head"]?["ref"]?.string == "feature" && document["head"]?["commit"]?["id"]?.string == repo.feature)
        #expect(document["head"]?["commit"]?["author"]?.string != nil && document["head"]?["commit"]?["date"]?.string?.hasSuffix("Z") == true)
        #expect(json.output.contains(#"},"summary":"#))
        let working = try JSONValue(parsing: try CommandLineTests.casebook(["diff", "feature", "--format", "json"], in: repo.fixture.path).output)
        #expect(working["head"]?["ref"] == .null && working["head"]?["commit"] == .null)
        let markdown = try CommandLineTests.casebook(
            ["diff", repo.forkPoint, "feature", "--format", "markdown", "--link-base", "https://x.example/blob/f"], in: repo.fixture.path)
        #expect(markdown.output.hasPrefix("### Casebook: \(repo.forkPoint) → feature\n"))
        #expect(markdown.output.contains("(https://x.example/blob/f/cases/checkout/pay.yaml)"))
        // main is checked out: from feature to the working tree, SHOP-4 comes back.
        let text = try CommandLineTests.casebook(["diff", "feature"], in: repo.fixture.path)
        #expect(text.output.hasPrefix("Cases: "))
        #expect(text.output.contains("  + SHOP-4 Delete the account (cases/account/delete.yaml)\n"), "\(text.output)")
    }

    @Test(arguments: [
        (["diff", "nope"], "'nope' is not a branch, tag or commit of the repository"),
        (["diff", "main", "--maximum-length", "10"], "--maximum-length must be at least 1000"),
        (["diff", "main", "--format", "html"], "html"),
    ])
    func whatCannotRunSaysWhy(arguments: [String], message: String) throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let result = try CommandLineTests.casebook(arguments, in: repo.fixture.path)
        #expect(result.status == 2)
        #expect(result.errors.contains(message), "\(result.errors)")
    }
}
