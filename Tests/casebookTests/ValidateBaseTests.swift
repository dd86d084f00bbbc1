import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

/// `casebook validate --base`: the mistakes only the target branch shows.
@Suite struct ValidateBaseTests {
    @Test func aNewCaseTakingAnIdTheBaseGaveAnotherCaseIsAnError() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let result = try CommandLineTests.casebook(["validate", "--ref", "feature", "--base", "main", "--format", "json"], in: repo.fixture.path)
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                #"{"rule":"base.id-taken","severity":"error","file":"cases/checkout/gift-card.yaml","line":1,"column":5,"message":"main already gives id 'SHOP-6' to another case, 'Export the account's data' (cases/account/export.yaml); give this case a free id (casebook new case picks one)"}"#
            ), "\(result.output)")
        // Cases the branch only edited or moved are not new, whatever the base did.
        #expect(!result.output.contains("SHOP-1'") && !result.output.contains("SHOP-3'"))
        // Against the fork point nothing collides.
        let fork = try CommandLineTests.casebook(
            ["validate", "--ref", "feature", "--base", repo.forkPoint, "--format", "json"], in: repo.fixture.path)
        #expect(!fork.output.contains("base.id-taken"))
    }

    @Test func changingTheIdOfAnExistingFileIsAnError() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        try repo.fixture.git("checkout", "-q", "feature")
        let path = repo.fixture.path + "/cases/account/rename.yaml"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "id: SHOP-5", with: "id: SHOP-50").write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandLineTests.casebook(["validate", "--base", "feature"], in: repo.fixture.path + "/cases")
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "account/rename.yaml:1:5: error: this file is case 'SHOP-5' on feature; a new id orphans its history, results and comments"))
        #expect(result.output.contains("[base.id-changed]"))
    }

    @Test func aRemovedCaseWithResultsOrCommentsIsAWarningWithADatabase() async throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let databasePath = repo.fixture.path + "/.casebook/casebook.sqlite"
        let database = try AppDatabase.open(path: databasePath, passwords: PasswordPolicy(cost: 4))
        let user = try await database.addUser(.init(username: "ada", role: .admin, password: "admin password"), by: .commandLine)
        let principal = try await database.authenticate(
            database.login(username: user.username, password: "admin password", lifetime: .seconds(60), from: "127.0.0.1").token.text)
        _ = try await database.addComment("Still needed for GDPR", on: Target(.case, "SHOP-4"), project: "SHOP", by: principal)

        let arguments = ["validate", "--ref", "feature", "--base", repo.forkPoint, "--format", "json"]
        let without = try CommandLineTests.casebook(arguments, in: repo.fixture.path)
        #expect(!without.output.contains("base.removed-with-history"))
        let with = try CommandLineTests.casebook(arguments + ["--database", databasePath], in: repo.fixture.path)
        #expect(
            with.output.contains(
                #"{"rule":"base.removed-with-history","severity":"warning","file":"cases/account/delete.yaml","line":1,"column":1,"message":"removing case 'SHOP-4' leaves 0 results and 1 comment in the database without a case"#
            ), "\(with.output)")
        let missing = try CommandLineTests.casebook(arguments + ["--database", repo.fixture.path + "/nope.sqlite"], in: repo.fixture.path)
        #expect(missing.status == 2)
        #expect(missing.errors.contains("no database at"))
        let alone = try CommandLineTests.casebook(["validate", "--database", databasePath], in: repo.fixture.path)
        #expect(alone.status == 2)
        #expect(alone.errors.contains("--database needs --base"))
    }
}
