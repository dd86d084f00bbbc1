import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import GRDB
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `casebook serve` as a real process on a real port, with the admin commands beside it.
@Suite(.serialized) struct ServerProcessTests {
    /// A running `casebook serve`, stopped (killed) by the test.
    struct Server {
        let process: Process
        let client: Client
        var base: String { client.base }
        /// The port it listens on.
        var port: Int { Int(base.split(separator: ":").last ?? "") ?? 0 }

        /// Starts a server polling every `poll` seconds (0: never); its standard error goes to `errors`.
        static func start(project: String, database: String, poll: Int = 0, errors: Pipe? = nil) async throws -> Server {
            try await start(["--project", project, "--database", database, "--poll", "\(poll)", "--log-level", "error"], errors: errors)
        }

        /// Starts `casebook serve` with `arguments` on a free port. Ready means its own process
        /// answers: a server of another test may take the port first, and this one then exits.
        static func start(_ arguments: [String], errors: Pipe? = nil) async throws -> Server {
            for _ in 0..<5 {
                let port = try freePort()
                let process = CommandLineTests.process(["serve", "--port", "\(port)"] + arguments)
                process.standardOutput = FileHandle.nullDevice
                if let errors { process.standardError = errors }
                try process.run()
                let server = Server(process: process, client: Client(base: "http://127.0.0.1:\(port)"))
                for _ in 0..<600 where process.isRunning {
                    if let (status, _) = try? await server.request("GET", "/health/ready"), status == 200, process.isRunning { return server }
                    try await Task.sleep(for: .milliseconds(100))
                }
                guard !process.isRunning else {
                    process.terminate()
                    throw CommandFailure("the server did not get ready")
                }
            }
            throw CommandFailure("the server could not listen on any of five free ports")
        }

        /// A port nothing listens on now: the one the system gives a socket bound to port 0.
        static func freePort() throws -> Int {
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(probe) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0 }
            }
            guard probe >= 0, bound else { throw CommandFailure("cannot find a free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        func request(_ method: String, _ path: String, token: String? = nil, body: Data? = nil) async throws -> (Int, [String: Any]) {
            try await client.request(method, path, token: token, body: body)
        }

        func kill() {
            guard process.isRunning else { return }
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Requests to a server's API.
    struct Client: Sendable {
        let base: String

        func request(_ method: String, _ path: String, token: String? = nil, body: Data? = nil, contentType: String = "application/json") async throws
            -> (Int, [String: Any])
        {
            var request = URLRequest(url: try #require(URL(string: base + path)))
            request.httpMethod = method
            request.httpBody = body
            request.timeoutInterval = 120
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// An admin and a write token made with the command line, on the database file directly.
    static func adminToken(database: String) throws -> String {
        let added = try CommandLineTests.casebook(["user", "add", "--admin", "ada", "--database", database], input: "admin password\n")
        #expect(added.status == 0 && added.output == "added ada (admin)\n", "\(added.errors)")
        let short = try CommandLineTests.casebook(["user", "add", "bob", "--database", database], input: "short\n")
        #expect(short.status == 2 && short.errors.contains("at least 10 characters"))
        let token = try CommandLineTests.casebook(["token", "create", "--user", "ada", "--name", "ci", "--write", "--database", database])
        #expect(token.status == 0)
        return token.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A bulk write killed while its transaction is open leaves none of it, and the database
    /// opens again.
    @Test func aBulkImportKilledInItsTransactionLeavesNothing() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let generated = try CommandLineTests.casebook(["generate", "--cases", "6000", folder.path + "/repo"])
        #expect(generated.status == 0)
        let database = folder.path + "/db/casebook.sqlite"
        let token = try Self.adminToken(database: database)
        var server = try await Server.start(project: folder.path + "/repo", database: database)
        let (run, slots, bulk) = try await Self.bulkRun(server, token)
        #expect(slots > 1000, "a bulk long enough to be caught in its transaction")
        // The server's write transaction is open while the database's write lock is taken: the
        // lock is watched from here, and the server killed once it has been held for 20 ms (the
        // bulk's transaction, not a short write such as a token's last use).
        var watch = Configuration()
        watch.busyMode = .immediateError
        let watcher = try DatabaseQueue(path: database, configuration: watch)
        let client = server.client
        let sending = Task { (try? await client.request("POST", "/api/v1/projects/GEN/runs/\(run)/results", token: token, body: bulk))?.0 }
        let pid = server.process.processIdentifier
        let killed = try await RawHTTP.onThread { () throws -> Bool in
            var heldSince: ContinuousClock.Instant?
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                do {
                    try watcher.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE; ROLLBACK") }
                    heldSince = nil
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                    let since = heldSince ?? ContinuousClock.now
                    heldSince = since
                    if ContinuousClock.now - since > .milliseconds(20) {
                        Foundation.kill(pid, SIGKILL)
                        return true
                    }
                }
            }
            return false
        }.value
        #expect(killed, "the bulk's transaction was never seen open")
        server.process.waitUntilExit()
        _ = await sending.value

        let store = try AppDatabase.open(path: database)
        let statuses = Set(try await store.executions(run: Int64(run), project: "GEN").rows.map(\.status))
        #expect(statuses == [.untested], "killed inside its transaction, the bulk left: \(statuses)")

        server = try await Server.start(project: folder.path + "/repo", database: database)
        defer { server.kill() }
        let (status, progress) = try await server.request("GET", "/api/v1/projects/GEN/runs/\(run)", token: token)
        let counts = ((progress["progress"] as? [String: Any])?["statuses"] as? [String: Int]) ?? [:]
        #expect(status == 200 && counts.values.reduce(0, +) == slots && counts["untested"] == slots)
        #expect(
            try await server.request("POST", "/api/v1/projects/GEN/runs/\(run)/results", token: token, body: bulk).0 == 200,
            "the database takes the bulk again")
    }

    /// A new run of `plan` in `project`: its id, its number of executions, and a bulk body passing them all.
    static func bulkRun(_ server: Server, _ token: String, project: String = "GEN", plan: String = "PLAN-SMOKE") async throws -> (Int, Int, Data) {
        let (created, body) = try await server.request(
            "POST", "/api/v1/projects/\(project)/runs", token: token, body: Data(#"{"plan":"\#(plan)"}"#.utf8))
        #expect(created == 201)
        let run = try #require((body["run"] as? [String: Any])?["id"] as? Int)
        var slots: [[String: Any]] = []
        var cursor: String?
        repeat {
            let page = "/api/v1/projects/\(project)/runs/\(run)/executions?limit=500" + (cursor.map { "&cursor=\($0)" } ?? "")
            let (_, listed) = try await server.request("GET", page, token: token)
            slots += try #require(listed["executions"] as? [[String: Any]])
            cursor = listed["nextCursor"] as? String
        } while cursor != nil
        let results = slots.map {
            [
                "case": $0["case"] as? String ?? "", "device": $0["device"] as? String ?? "", "status": "passed",
                "notes": String(repeating: "n", count: 200),
            ]
        }
        return (run, slots.count, try JSONSerialization.data(withJSONObject: ["results": results]))
    }

    /// SIGTERM (a service manager's stop) or SIGINT stops a polling server cleanly, and a port
    /// in use is a located failure with exit status 2.
    @Test func aServerStopsCleanlyAndSaysWhenItsPortIsTaken() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sample = CommandLineTests.root + "/sample-repo"
        for signal in [SIGTERM, SIGINT] {
            let errors = Pipe()
            let server = try await Server.start(project: sample, database: folder.path + "/casebook.sqlite", poll: 1, errors: errors)
            let port = try #require(server.base.split(separator: ":").last)
            let taken = try CommandLineTests.casebook([
                "serve", "--project", sample, "--database", folder.path + "/other.sqlite", "--port", String(port), "--log-level", "error",
            ])
            #expect(taken.status == 2)
            #expect(taken.errors == "casebook: error: cannot listen on 127.0.0.1:\(port): Address already in use\n")
            Foundation.kill(server.process.processIdentifier, signal)
            server.process.waitUntilExit()
            #expect(server.process.terminationStatus == 0)
            #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
        }
    }

    /// `casebook import junit --plan --build` creates the run and records a report in it;
    /// `casebook backup` copies the live database.
    @Test func importJUnitAndBackupFromTheCommandLine() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let fixture = try GitFixture()
        try fixture.write(try FixtureFiles.read(CommandLineTests.root + "/sample-repo"))
        _ = try fixture.commit("Import the sample repository")
        let database = folder.path + "/casebook.sqlite"
        let token = try Self.adminToken(database: database)
        let server = try await Server.start(project: fixture.path, database: database)
        defer { server.kill() }
        let report = folder.path + "/report.xml"
        try folder.write(
            "report.xml",
            #"<testsuite><testcase classname="com.shop.AuthTests" name="testPasswordSignIn" time="1.5"/><testcase name="unknown"/></testsuite>"#)
        // As ctest writes a disabled test: a status attribute, no <skipped>.
        try folder.write("ctest.xml", #"<testsuite><testcase classname="RegistrationTests" name="testRegister" status="disabled"/></testsuite>"#)
        let arguments = [
            "import", "junit", report, folder.path + "/ctest.xml", "--server", server.base, "--token", token, "--project", "SHOP", "--plan",
            "PLAN-R24", "--build", "2.4.0",
        ]
        let noDevice = try CommandLineTests.casebook(arguments)
        #expect(
            noDevice.status == 2 && noDevice.errors.contains("plan PLAN-R24 runs its cases on chrome-desktop, safari-mac: pass --device"),
            "\(noDevice.errors)")
        let imported = try CommandLineTests.casebook(arguments + ["--device", "chrome-desktop"])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.contains("created run 1 of plan PLAN-R24 for build 2.4.0"), "a refused import created no run")
        #expect(imported.output.contains("report.xml: 2 tests, 1 cases recorded, 1 unmatched"))
        let missing = imported.output.split(separator: "\n").filter { $0.hasPrefix("  no result: ") }
        #expect(imported.output.components(separatedBy: "without a result").count == 2, "one count, for the whole import: \(imported.output)")
        #expect(!missing.isEmpty && !missing.contains { $0.hasSuffix("SHOP-101") || $0.hasSuffix("SHOP-113") }, "\(imported.output)")
        let refused = try CommandLineTests.casebook([
            "import", "junit", report, "--server", server.base, "--token", "cbt_nope", "--project", "SHOP", "--run", "1",
        ])
        #expect(refused.status == 2 && refused.errors.contains("answered 401"))

        // The run's report, from the command line: JUnit to a file, Markdown to standard output.
        let export = ["export", "run", "1", "--server", server.base, "--token", token, "--project", "SHOP"]
        let junit = try CommandLineTests.casebook(export + ["--format", "junit", "-o", folder.path + "/run-1.xml"])
        let written = try String(contentsOfFile: folder.path + "/run-1.xml", encoding: .utf8)
        #expect(junit.status == 0 && written.hasPrefix("<?xml") && written.contains("name=\"SHOP-101 "), "\(junit.errors)")
        let markdown = try CommandLineTests.casebook(export + ["--format", "markdown"])
        #expect(markdown.status == 0 && markdown.output.contains("| passed | 1 |"), "\(markdown.errors)")
        let noRun = try CommandLineTests.casebook(["export", "run", "99", "--server", server.base, "--token", token, "--project", "SHOP"])
        #expect(noRun.status == 2 && noRun.errors.contains("answered 404"), "\(noRun.errors)")
        let badServer = try CommandLineTests.casebook(["export", "run", "1", "--server", "nope", "--project", "SHOP"])
        #expect(badServer.status == 2 && badServer.errors.contains("--server must be a URL"), "\(badServer.errors)")

        let backup = try CommandLineTests.casebook(["backup", folder.path + "/copy.sqlite", "--database", database])
        #expect(backup.status == 0)
        let copy = try AppDatabase.open(path: folder.path + "/copy.sqlite")
        let executions = try await copy.executions(run: 1, project: "SHOP").rows
        #expect(executions.contains { $0.caseId == "SHOP-101" && $0.status == .passed && $0.deviceId == "chrome-desktop" })
        #expect(executions.contains { $0.caseId == "SHOP-113" && $0.status == .skipped && $0.deviceId == "chrome-desktop" })
        #expect(try await copy.users().map(\.username) == ["ada"])
    }

    /// `--config`: the projects (each following its own branch), the database and the settings
    /// come from the file, paths taken from its folder; the command line wins over the file.
    @Test func serveTakesItsProjectsAndSettingsFromAConfigurationFile() async throws {
        let shop = try GitFixture()
        try shop.write(try FixtureFiles.read(CommandLineTests.root + "/sample-repo"))
        _ = try shop.commit("The sample repository")
        try shop.git("checkout", "-q", "-b", "release")
        try shop.write(["cases/checkout/group.yaml": "title: Checkout (release)\n"])
        _ = try shop.commit("Release the checkout group")
        try shop.git("checkout", "-q", "main")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let generated = try CommandLineTests.casebook(["generate", "--cases", "20", folder.path + "/gen"])
        #expect(generated.status == 0)
        try folder.write(
            "conf/server.yaml",
            """
            poll: 0
            log-level: warning
            anonymous-read: true
            database: ../db/casebook.sqlite
            projects:
              - path: \(shop.path)
                branch: release
              - ../gen
            """)
        let server = try await Server.start(["--config", folder.path + "/conf/server.yaml", "--log-level", "error"])
        defer { server.kill() }
        let (status, listed) = try await server.request("GET", "/api/v1/projects")
        let projects = (listed["projects"] as? [[String: Any]] ?? []).map { "\($0["key"] ?? "")@\($0["followed"] ?? "")" }
        #expect(status == 200 && projects == ["SHOP@release", "GEN@main"], "anonymous reads, as the file says")
        let group = try await server.request("GET", "/api/v1/projects/SHOP/groups/checkout").1["group"] as? [String: Any]
        #expect(group?["title"] as? String == "Checkout (release)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/db/casebook.sqlite"))
    }

    /// The configuration file takes the log levels swift-log has (its list is kept in CasebookCore,
    /// which does not depend on swift-log; a level missing from swift-log would be dropped).
    @Test func theConfigurationsLogLevelsAreSwiftLogs() {
        #expect(ServerConfig.logLevels == Logger.Level.allCases.map(\.rawValue))
    }

    @Test func aConfigurationFileWithProblemsIsRefusedWithEachOneLocated() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("server.yaml", "port: 0\nprojects:\n  - { path: shop, remot: origin }\n")
        let refused = try CommandLineTests.casebook(["serve", "--config", folder.path + "/server.yaml"])
        #expect(refused.status == 2 && refused.output == "")
        #expect(
            refused.errors == """
                \(folder.path)/server.yaml:1:7: error: 'port' must be a whole number from 1 to 65535 [schema.type]
                    port: 0
                          ^
                \(folder.path)/server.yaml:3:19: error: unknown key 'remot' in a project (did you mean 'remote'?); allowed keys: path, branch, remote [schema.unknown-key]
                      - { path: shop, remot: origin }
                                      ^

                """)
        let missing = try CommandLineTests.casebook(["serve", "--config", folder.path + "/nowhere.yaml"])
        #expect(missing.status == 2 && missing.errors == "casebook: error: cannot read \(folder.path)/nowhere.yaml: no such file\n")
    }
}
