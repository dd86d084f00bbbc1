import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The tester's pages without the script: a new run from the form, the runner recording a result
/// with step results and moving on, the bulk form, My work, the report, and the tracker's links.
@Suite struct WebRunnerPagesTests {
    static func form(_ client: some TestClientProtocol, _ uri: String, cookie: String, _ form: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie], body: ByteBuffer(string: form)
        ) { ($0.status, $0.headers[.location] ?? String(buffer: $0.body)) }
    }

    /// (The sample repository's tracker links defects and offers new issues.)
    @Test func aTesterMakesARunExecutesItAndReadsTheReport() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let cookie = try await WebPagesTests.signIn(client, "tim")
            let csrf = try await WebAccountPagesTests.csrf(client, cookie: cookie)
            let (_, _, newRun) = try await WebPagesTests.page(client, "/projects/SHOP/runs/new?plan=PLAN-SMOKE", cookie: cookie)
            #expect(newRun.contains("<option value=\"PLAN-SMOKE\" selected>") && newRun.contains("value=\"PLAN-SMOKE/pixel-8\""))
            let (created, location) = try await Self.form(
                client, "/projects/SHOP/runs", cookie: cookie, "csrf=\(csrf)&plan=PLAN-SMOKE&build=4.0&device=PLAN-SMOKE%2Fpixel-8&assignee=tim")
            let run = try #require(location.firstMatch(of: /\/projects\/SHOP\/runs\/([0-9]+)$/)?.output.1)
            #expect(created == .seeOther)
            // The runner of the first untested execution, mine.
            let (_, first) = try await client.execute(uri: "/projects/SHOP/runs/\(run)/execute?mine=1", method: .get, headers: [.cookie: cookie]) {
                ($0.status, $0.headers[.location] ?? "")
            }
            let (status, _, runner) = try await WebPagesTests.page(client, first, cookie: cookie)
            #expect(
                status == .ok && runner.contains("1 of ") && runner.contains("name=\"step0\" value=\"passed\"")
                    && runner.contains("data-started=\"20"))
            let execution = try #require(first.firstMatch(of: /executions\/([0-9]+)/)?.output.1)
            let (recorded, next) = try await Self.form(
                client, "/projects/SHOP/runs/\(run)/executions/\(execution)", cookie: cookie,
                "csrf=\(csrf)&version=0&mine=1&status=failed&step0=passed&step0note=&step1=failed&step1note=crash&notes=Crashes&defects=SHOP-42&duration=95"
            )
            #expect(recorded == .seeOther && next.hasSuffix("?mine=1") && !next.contains("/executions/\(execution)?"))
            let (_, _, again) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)/executions/\(execution)", cookie: cookie)
            #expect(again.contains("<a href=\"https://tracker.example/browse/SHOP-42\" rel=\"noreferrer\">SHOP-42</a>"))
            #expect(again.contains("href=\"https://tracker.example/new?summary=SHOP-") && again.contains("name=\"step1\" value=\"failed\" checked"))
            // A stale form (version 0 again) is a conflict, shown as a page.
            let (stale, page) = try await Self.form(
                client, "/projects/SHOP/runs/\(run)/executions/\(execution)", cookie: cookie, "csrf=\(csrf)&version=0&status=passed")
            #expect(stale == .conflict && page.contains("recorded it as failed") && page.contains("<form class=\"result\""), "shown in the runner")
            let (unknownDevice, newRunPage) = try await Self.form(
                client, "/projects/SHOP/runs", cookie: cookie, "csrf=\(csrf)&plan=PLAN-SMOKE&device=PLAN-SMOKE%2Fnokia")
            #expect(unknownDevice == .unprocessableContent && newRunPage.contains("role=\"alert\">plan PLAN-SMOKE does not run on"))
            // Bulk without ticks or all: refused in the table's own form, its filters kept.
            let (untickedStatus, unticked) = try await Self.form(
                client, "/projects/SHOP/runs/\(run)/executions", cookie: cookie,
                "csrf=\(csrf)&status=passed&back=/projects/SHOP/runs/\(run)/executions%3Fstatus%3Duntested")
            #expect(untickedStatus == .unprocessableContent && unticked.contains("role=\"alert\">tick the executions to change"))
            #expect(unticked.contains("<option value=\"untested\" selected>") && !unticked.contains("data-refresh"))
            #expect(unticked.contains("<option value=\"passed\" selected>"), "what was chosen is kept")
            // Ticked, to an assignee nobody is: the ticks and the note are kept.
            let (unknownStatus, unknown) = try await Self.form(
                client, "/projects/SHOP/runs/\(run)/executions", cookie: cookie,
                "csrf=\(csrf)&execution=\(execution)&assignee=nobody-such&notes=later&back=/projects/SHOP/runs/\(run)/executions")
            #expect(
                unknownStatus == .notFound && unknown.contains("role=\"alert\">") && unknown.contains("name=\"notes\" size=\"16\" value=\"later\""))
            #expect(
                unknown.contains("value=\"\(execution)\" aria-label=")
                    && unknown.contains("\" checked></td><td><a href=\"/projects/SHOP/runs/\(run)/executions/\(execution)\">"))
            // Bulk: every untested execution passes.
            let (bulk, _) = try await Self.form(
                client, "/projects/SHOP/runs/\(run)/executions", cookie: cookie,
                "csrf=\(csrf)&all=on&filter.status=untested&status=passed&back=/projects/SHOP/runs/\(run)/executions")
            #expect(bulk == .seeOther)
            let (_, _, table) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)/executions?status=untested", cookie: cookie)
            #expect(table.contains("Executions <span class=\"count\">0</span>"))
            let (_, _, work) = try await WebPagesTests.page(client, "/my-work", cookie: cookie)
            #expect(work.contains("Nothing is assigned to you"))
            let (_, _, report) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)/report", cookie: cookie)
            #expect(report.contains("href=\"/api/v1/projects/SHOP/runs/\(run)/report?format=junit\"") && report.contains("Crashes"))
            #expect(report.contains("1m35s"), "the time spent")
            #expect(try await Self.form(client, "/projects/SHOP/runs", cookie: cookie, "plan=PLAN-SMOKE").0 == .forbidden, "no CSRF token")
        }
    }
}
