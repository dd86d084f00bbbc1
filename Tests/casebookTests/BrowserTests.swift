import CasebookTestSupport
import Foundation
import Testing

/// The web pages in a real browser: `Tests/browser/pages.py` drives Debian's chromium with
/// Playwright (both installed by `make deps`) against a live server over a repository of two
/// commits (the first tagged `v1`), following links from the home page to every page kind,
/// filtering, switching refs, reading the diff, watching an open run change as results arrive,
/// and checking each page for console errors, requests to other origins and axe-core
/// violations. Screenshots go to `.build/screenshots/`.
@Suite struct BrowserTests {
    @Test func thePagesHoldInABrowser() async throws {
        let root = CommandLineTests.root
        let fixture = try GitFixture()
        try fixture.write(try FixtureFiles.read(root + "/sample-repo"))
        _ = try fixture.commit("The sample repository")
        try fixture.git("tag", "v1")
        // The second commit changes a case's title (for the diff) and adds a case whose title and steps are markup.
        let path = "cases/checkout/payment/3ds-challenge.yaml"
        let original = try String(contentsOfFile: fixture.path + "/" + path, encoding: .utf8)
        try fixture.write([
            path: original.replacingOccurrences(of: "challenge succeeds", with: "challenge passes"),
            "cases/checkout/xss.yaml": "id: SHOP-666\ntitle: \"<script>alert(1)</script>\"\nsteps:\n  - action: \"<img src=x onerror=alert(2)>\"\n",
        ])
        _ = try fixture.commit("A retitled case and a hostile case")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/db/casebook.sqlite"
        let token = try ServerProcessTests.adminToken(database: database)
        let server = try await ServerProcessTests.Server.start(project: fixture.path, database: database)
        defer { server.kill() }
        // A run with results, for the run pages, and an open run without, to watch.
        let (run, _, bulk) = try await ServerProcessTests.bulkRun(server, token, project: "SHOP", plan: "PLAN-R24")
        let recorded = try await server.request("POST", "/api/v1/projects/SHOP/runs/\(run)/results", token: token, body: bulk).0
        let second = try await server.request("POST", "/api/v1/projects/SHOP/runs", token: token, body: Data(#"{"plan":"PLAN-R24"}"#.utf8)).0
        #expect(run == 1 && recorded == 200 && second == 201)
        try await Self.browse("pages.py", ["--base", server.base, "--token", token])
    }

    /// A tester's session (`Tests/browser/runner.py`): a run shared by two testers, executed by
    /// keyboard, with evidence, a defect, a bulk change, the other tester's result arriving, a
    /// re-run and the reports.
    @Test func aTesterExecutesARunInABrowser() async throws {
        let root = CommandLineTests.root
        let fixture = try GitFixture()
        try fixture.write(try FixtureFiles.read(root + "/sample-repo"))
        _ = try fixture.commit("The sample repository")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/db/casebook.sqlite"
        _ = try ServerProcessTests.adminToken(database: database)
        var tokens: [String] = []
        for tester in ["tim", "viv"] {
            let added = try CommandLineTests.casebook(["user", "add", tester, "--database", database], input: "tester password\n")
            let token = try CommandLineTests.casebook(["token", "create", "--user", tester, "--name", "browser", "--write", "--database", database])
            #expect(added.status == 0 && token.status == 0, "\(added.errors) \(token.errors)")
            tokens.append(token.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (tim, viv) = (tokens[0], tokens[1])
        let server = try await ServerProcessTests.Server.start(project: fixture.path, database: database)
        defer { server.kill() }
        try await Self.browse("runner.py", ["--base", server.base, "--tim", tim, "--viv", viv])
    }

    /// Runs the browser script `Tests/browser/NAME` with `arguments` (and `--shots`, the folder
    /// of screenshots), off the test's threads, and expects every check of it to hold.
    static func browse(_ name: String, _ arguments: [String]) async throws {
        let root = CommandLineTests.root
        let python = root + "/.build-py/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run make deps")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "no /usr/bin/chromium: run make deps")
        let shots = root + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let outcome = try await RawHTTP.onThread { try runProgram(python, [root + "/Tests/browser/" + name, "--shots", shots] + arguments) }.value
        #expect(outcome.status == 0 && outcome.output.hasSuffix("browser: 0 failure(s)\n"), "\(outcome.output)")
    }
}
