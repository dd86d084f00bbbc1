import CasebookTestSupport
import Foundation
import Testing

/// The web pages in a real browser: `Tests/browser/pages.py` drives Debian's chromium with
/// Playwright (both installed by `make deps`) against a live server, checking each page for
/// console errors, axe-core violations, keyboard focus, signing in and out, and a case whose
/// title and steps are markup. Screenshots go to `.build/screenshots/`.
@Suite struct BrowserTests {
    @Test func thePagesHoldInABrowser() async throws {
        let root = CommandLineTests.root
        let python = root + "/.build-py/bin/python"
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run make deps")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "no /usr/bin/chromium: run make deps")
        let fixture = try GitFixture()
        try fixture.write(try FixtureFiles.read(root + "/sample-repo"))
        try fixture.write([
            "cases/checkout/xss.yaml": "id: SHOP-666\ntitle: \"<script>alert(1)</script>\"\nsteps:\n  - action: \"<img src=x onerror=alert(2)>\"\n"
        ])
        _ = try fixture.commit("The sample repository and a hostile case")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/db/casebook.sqlite"
        let token = try ServerProcessTests.adminToken(database: database)
        let server = try await ServerProcessTests.Server.start(project: fixture.path, database: database)
        defer { server.kill() }
        // A run with results, for the run pages.
        let (run, _, bulk) = try await ServerProcessTests.bulkRun(server, token, project: "SHOP", plan: "PLAN-R24")
        let recorded = try await server.request("POST", "/api/v1/projects/SHOP/runs/\(run)/results", token: token, body: bulk).0
        #expect(run == 1 && recorded == 200)
        let shots = root + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let outcome = try await RawHTTP.onThread { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [root + "/Tests/browser/pages.py", "--base", server.base, "--shots", shots]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }.value
        #expect(outcome.0 == 0 && outcome.1.hasSuffix("browser: 0 failure(s)\n"), "\(outcome.1)")
    }
}
