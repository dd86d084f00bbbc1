import CasebookTestSupport
import Foundation
import Testing

/// The `casebook` executable as CI runs it: output and exit status.
@Suite struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the `casebook` built beside this test bundle.
    static func casebook(_ arguments: [String], in folder: String? = nil, input: String? = nil) throws -> Outcome {
        let process = Self.process(arguments, in: folder)
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self)
        )
    }

    /// A process of the `casebook` built beside this test bundle, not started.
    static func process(_ arguments: [String], in folder: String? = nil) -> Process {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = products.appendingPathComponent("casebook")
        if !FileManager.default.fileExists(atPath: binary.path) {
            binary = URL(fileURLWithPath: FixtureFiles.packageRoot() + "/.build/debug/casebook")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        return process
    }

    static let root = FixtureFiles.packageRoot()

    @Test func cleanRepositoryExitsZero() throws {
        let outcome = try Self.casebook(["validate", Self.root + "/sample-repo"])
        #expect(outcome.status == 0)
        #expect(outcome.output.hasSuffix("87 files, 70 cases, 3 plans: clean\n"))
    }

    @Test func errorsExitOneWithJSON() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("casebook.yaml", "project: { key: SHOP, name: Shop }\n")
        try directory.write("cases/a.yaml", "id: SHOP-1\ntitle: T\npriority: hgh\nsteps: [{ action: A }]\n")
        let outcome = try Self.casebook(["validate", "--format", "json"], in: directory.path + "/cases")
        #expect(outcome.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "case.priority")
        #expect(finding["file"] as? String == "cases/a.yaml")
        #expect(finding["line"] as? Int == 3)
        #expect(finding["column"] as? Int == 11)
    }

    /// Run from a sub-folder, paths are relative to the git work tree (as CI tools read them), not absolute.
    @Test func pathsStayRelativeFromASubFolder() throws {
        let fixture = try GitFixture()
        try fixture.write([
            "qa/casebook.yaml": "project: { key: SHOP, name: Shop }\n",
            "qa/cases/a.yaml": "id: SHOP-1\ntitle: T\npriority: hgh\nsteps: [{ action: A }]\n",
        ])
        _ = try fixture.commit("Cases")
        for format in ["codeclimate", "github", "sarif"] {
            let outcome = try Self.casebook(["validate", "--format", format], in: fixture.path + "/qa/cases")
            #expect(
                outcome.status == 1 && outcome.output.contains("qa/cases/a.yaml") && !outcome.output.contains(fixture.path + "/qa"),
                "\(format): \(outcome.output)")
        }
        let atTop = try Self.casebook(["validate", "--format", "codeclimate", "qa"], in: fixture.path)
        #expect(atTop.output.contains(#""path":"qa/cases/a.yaml""#))
    }

    @Test func warningsFailOnlyWhenStrict() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("casebook.yaml", "project: { key: SHOP, name: Shop }\n")
        try directory.write("notes.txt", "stray\n")
        #expect(try Self.casebook(["validate", directory.path]).status == 0)
        #expect(try Self.casebook(["validate", "--strict", directory.path]).status == 1)
    }

    @Test(arguments: [["validate", "/nonexistent/casebook"], ["validate", "--format", "xml", "."], ["validate", "/"]])
    func couldNotRunExitsTwo(_ arguments: [String]) throws {
        let outcome = try Self.casebook(arguments, in: Self.root)
        #expect(outcome.status == 2)
        #expect(!outcome.errors.isEmpty)
        #expect(outcome.output.isEmpty)
    }

    /// `serve`'s option checks run before anything is opened: exit 2 and what the option takes.
    @Test(arguments: [
        (["--port", "0"], "--port must be from 1 to 65535"), (["--poll=-1"], "--poll must be 0 or more seconds"),
        (["--session-hours", "0"], "--session-hours must be 1 or more"), (["--attachment-limit", "0"], "--attachment-limit must be 1 MiB or more"),
        (["--idle-timeout", "0"], "--idle-timeout must be 1 or more seconds"), (["--log-level", "loud"], "--log-level must be one of: trace,"),
        (["--request-timeout", "0"], "--request-timeout must be 1 or more seconds"),
    ])
    func serveRefusesAnOptionOutOfRange(arguments: [String], message: String) throws {
        let outcome = try Self.casebook(["serve"] + arguments, in: Self.root)
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains(message), "\(outcome.errors)")
    }

    @Test func aDatabaseWhoseFolderCannotBeMadeSaysWhere() throws {
        let directory = try TemporaryDirectory()
        try directory.write("file", "not a folder")
        // The database's folder would be inside a regular file.
        let database = directory.path + "/file/db/casebook.sqlite"
        let outcome = try Self.casebook(["user", "add", "ada", "--database", database], input: "admin password\n")
        #expect(outcome.status == 2)
        #expect(
            outcome.errors
                == "casebook: error: cannot open the database \(database): cannot make its folder \(directory.path)/file/db: Not a directory\n")
    }

    @Test func generateCommitsARepositoryThatValidates() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let repository = directory.path + "/generated"
        let generated = try Self.casebook(["generate", "--cases", "120", repository])
        #expect(generated.status == 0, "\(generated.errors)")
        #expect(FileManager.default.fileExists(atPath: repository + "/.git/HEAD"))
        let outcome = try Self.casebook(["validate", "--format", "json", repository])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("\"summary\":{\"files\":"))
        #expect(outcome.output.contains("\"cases\":120,\"plans\":3,\"errors\":0,\"warnings\":0}"))
        #expect(try Self.casebook(["generate", "--cases", "5", repository]).status == 2)
    }

    @Test func listShowsPlans() throws {
        let outcome = try Self.casebook(["list", Self.root + "/sample-repo"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("PLAN-SMOKE  Smoke test of every build:"))
    }
}
