import CasebookTestSupport
import Foundation
import Testing

/// `casebook init`, `casebook new case` and `casebook new plan`.
@Suite struct ScaffoldTests {
    @Test func initMakesARepositoryThatValidatesAndNewCasesTakeTheNextFreeIdOnAnyBranch() throws {
        let fixture = try GitFixture()
        defer { fixture.folder.remove() }
        let made = try CommandLineTests.casebook(["init", "tests", "--key", "SHOP", "--name", "Web Shop"], in: fixture.path)
        #expect(made.status == 0, "\(made.errors)")
        for file in [
            "casebook.yaml", "README.md", "cases/README.md", "plans/README.md", "shared-steps/README.md", ".gitignore",
            ".casebook/schemas/case.schema.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: fixture.path + "/tests/" + file), "\(file)")
        }
        #expect(try CommandLineTests.casebook(["validate", "tests"], in: fixture.path).status == 0)
        let again = try CommandLineTests.casebook(["init", "tests", "--key", "SHOP", "--name", "Web Shop"], in: fixture.path)
        #expect(again.status == 2 && again.errors.contains("already exists"))

        let first = try CommandLineTests.casebook(
            ["new", "case", "--group", "checkout", "--title", "Pay: with a \"card\"", "--repository", "tests"], in: fixture.path)
        #expect(first.output == "SHOP-1 cases/checkout/pay-with-a-card.yaml\n", "\(first.errors)")
        let text = try String(contentsOfFile: fixture.path + "/tests/cases/checkout/pay-with-a-card.yaml", encoding: .utf8)
        #expect(
            text.hasPrefix(
                "# yaml-language-server: $schema=../../.casebook/schemas/case.schema.json\nid: SHOP-1\ntitle: \"Pay: with a \\\"card\\\"\"\n"))
        try fixture.commit("First case")

        // A branch takes SHOP-2; main, which does not have it, must not hand it out again.
        try fixture.git("checkout", "-q", "-b", "refunds")
        #expect(
            try CommandLineTests.casebook(["new", "case", "--group", "refunds", "--title", "Refund"], in: fixture.path + "/tests").output.hasPrefix(
                "SHOP-2 "))
        try fixture.commit("Refunds")
        try fixture.git("checkout", "-q", "main")
        let onMain = try CommandLineTests.casebook(["new", "case", "--group", "checkout", "--title", "Pay with a card"], in: fixture.path + "/tests")
        #expect(onMain.output == "SHOP-3 cases/checkout/pay-with-a-card-2.yaml\n")
        #expect(try CommandLineTests.casebook(["validate", "tests"], in: fixture.path).status == 0)
    }

    @Test func newCasesFollowTheSchemaLineOfExistingOnes() throws {
        let fixture = try GitFixture()
        defer { fixture.folder.remove() }
        try fixture.write([
            "shop/casebook.yaml": "project: { key: WEB, name: Web }\ndevices: [{ id: chrome }]\n",
            "shop/cases/a/b/one.yaml":
                "# yaml-language-server: $schema=../../../../schemas/case.schema.json\nid: WEB-41\ntitle: One\nsteps: [{ action: A }]\n",
        ])
        let made = try CommandLineTests.casebook(["new", "case", "--group", "c", "--title", "Two", "--repository", "shop"], in: fixture.path)
        #expect(made.output == "WEB-42 cases/c/two.yaml\n")
        #expect(
            try String(contentsOfFile: fixture.path + "/shop/cases/c/two.yaml", encoding: .utf8).hasPrefix(
                "# yaml-language-server: $schema=../../../schemas/case.schema.json\n"))

        let plan = try CommandLineTests.casebook(
            ["new", "plan", "--id", "PLAN-1", "--title", "Smoke", "--group", "a", "--device", "chrome", "--repository", "shop"], in: fixture.path)
        #expect(plan.output == "PLAN-1 plans/plan-1.yaml\n", "\(plan.errors)")
        #expect(try CommandLineTests.casebook(["validate", "shop"], in: fixture.path).status == 0)
    }

    @Test(arguments: [
        (["new", "case", "--group", "../x", "--title", "T"], "--group must be a folder path"),
        (["new", "case", "--group", "a", "--title", " "], "--title must not be empty"),
        (["new", "plan", "--id", "PLAN-1", "--title", "T", "--device", "tv"], "no device 'tv' in casebook.yaml (declared: chrome)"),
        (["new", "plan", "--id", "PLAN-1", "--title", "T", "--group", "nope"], "no group 'nope' under cases/"),
        (["new", "plan", "--id", "has space", "--title", "T"], "--id must be a word"),
        (["init", "--key", "shop", "--name", "S"], "--key must be capital letters"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("casebook.yaml", "project: { key: WEB, name: Web }\ndevices: [{ id: chrome }]\n")
        let result = try CommandLineTests.casebook(arguments, in: folder.path)
        #expect(result.status == 2)
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    /// What `new` writes validates in the project it is written for: required custom fields,
    /// priorities and types of its own, a plan without a group in a repository of one case, and
    /// a title's letters kept in the file name.
    @Test func newFilesValidateInTheirProject() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(
            "casebook.yaml",
            """
            project: { key: WEB, name: Web }
            priorities: [p1, p2, p3]
            types: [manual-check, exploratory]
            fields:
              component: { type: enum, values: [web, api], required: true }
              ticket: { type: url, required: true }
              minutes: { type: duration, required: true }
              note: { type: text }

            """)
        let made = try CommandLineTests.casebook(["new", "case", "--group", "ünï", "--title", "Ünïcode & spaces / slash"], in: folder.path)
        #expect(made.output == "WEB-1 cases/ünï/ünïcode-spaces-slash.yaml\n", "\(made.errors)")
        let text = try String(contentsOfFile: folder.path + "/cases/ünï/ünïcode-spaces-slash.yaml", encoding: .utf8)
        #expect(text.contains("priority: \"p2\"") && text.contains("component: \"web\"  # required: fill in") && !text.contains("note:"))
        let plan = try CommandLineTests.casebook(["new", "plan", "--id", "PLAN-ALL", "--title", "Everything"], in: folder.path)
        #expect(plan.status == 0)
        let validated = try CommandLineTests.casebook(["validate", "--strict", "."], in: folder.path)
        #expect(validated.status == 0, "\(validated.output)")
    }
}
