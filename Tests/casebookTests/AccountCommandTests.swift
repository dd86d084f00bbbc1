import CasebookTestSupport
import Foundation
import Testing

/// `casebook user` and `casebook token` on the database file.
@Suite struct AccountCommandTests {
    @Test func aMissingDatabaseIsRefusedExceptToAddTheFirstUser() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/nowhere/casebook.sqlite"
        for arguments in [
            ["user", "list"], ["user", "role", "ada", "tester"], ["token", "list"], ["token", "revoke", "1"], ["backup", folder.path + "/b.sqlite"],
        ] {
            let refused = try CommandLineTests.casebook(arguments + ["--database", database])
            #expect(refused.status == 2 && refused.errors.contains("no database at \(database)"), "\(arguments): \(refused.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/nowhere"), "nothing was created")
        #expect(try CommandLineTests.casebook(["user", "add", "--admin", "ada", "--database", database], input: "admin password\n").status == 0)
    }

    @Test func rolesAndTokensFromTheCommandLine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/casebook.sqlite"
        _ = try ServerProcessTests.adminToken(database: database)
        #expect(try CommandLineTests.casebook(["user", "add", "tim", "--database", database], input: "tester password\n").status == 0)

        let lastAdmin = try CommandLineTests.casebook(["user", "role", "ada", "tester", "--database", database])
        #expect(lastAdmin.status == 2 && lastAdmin.errors.contains("ada is the last active admin"), "\(lastAdmin.errors)")
        let badRole = try CommandLineTests.casebook(["user", "role", "tim", "boss", "--database", database])
        #expect(badRole.status != 0 && badRole.errors.contains("viewer, tester, admin"))
        let promoted = try CommandLineTests.casebook(["user", "role", "tim", "admin", "--database", database])
        #expect(promoted.status == 0 && promoted.output == "tim is admin\n")
        #expect(try CommandLineTests.casebook(["user", "role", "ada", "viewer", "--database", database]).output == "ada is viewer\n")

        _ = try CommandLineTests.casebook(["token", "create", "--user", "tim", "--name", "dashboard", "--database", database])
        let listed = try CommandLineTests.casebook(["token", "list", "--database", database])
        let rows = listed.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(
            listed.status == 0 && rows.map { Array($0.prefix(4)) } == [["2", "tim", "dashboard", "read"], ["1", "ada", "ci", "read,write"]],
            "\(listed.output)")
        #expect(try CommandLineTests.casebook(["token", "list", "--user", "tim", "--database", database]).output.split(separator: "\n").count == 1)
        let revoked = try CommandLineTests.casebook(["token", "revoke", "2", "--database", database])
        #expect(revoked.status == 0 && revoked.output == "token 2 revoked\n")
        let after = try CommandLineTests.casebook(["token", "list", "--user", "tim", "--database", database]).output
        #expect(after.split(separator: "\t").last?.trimmingCharacters(in: .whitespacesAndNewlines) != "-", "the revocation time is shown: \(after)")
        #expect(try CommandLineTests.casebook(["token", "revoke", "99", "--database", database]).status == 2)
    }
}
