import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The pages of runs: a run's page polls itself with `If-None-Match` while the run is open, the
/// run list charts a plan's runs by build, and requirements coverage (the page and its JSON).
@Suite struct WebRunPagesTests {
    @Test func anOpenRunsPageIsRevalidatedAndChangesWithItsResults() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let (_, headers, html) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)")
            let etag = try #require(headers[.eTag])
            #expect(html.contains("<main id=\"main\" data-refresh=\"5\">") && headers[.cacheControl] == "private, no-cache")
            #expect(try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)", headers: [.ifNoneMatch: etag]).0 == .notModified)
            let slot = #"{"results":[{"case":"SHOP-129","device":"pixel-8","status":"failed"}]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: slot).0 == .ok)
            let (status, changed, after) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)", headers: [.ifNoneMatch: etag])
            #expect(status == .ok && changed[.eTag] != etag && after.contains("failed <strong>1</strong>"))
            #expect(after.contains("Tim") || after.contains("tim"), "who recorded what")
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/close", token: token).0 == .ok)
            let (_, _, closed) = try await WebPagesTests.page(client, "/projects/SHOP/runs/\(run)")
            #expect(closed.contains("<main id=\"main\">"), "a closed run no longer polls")
        }
    }

    @Test func theRunListChartsAPlansRunsByBuild() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let first = try await RunsAPITests.createRun(client, token, build: "2.4.0")
            _ = try await RunsAPITests.createRun(client, token, build: "2.4.1")
            let passed = #"{"results":[{"case":"SHOP-129","device":"pixel-8","status":"passed"}]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(first)/results", token: token, json: passed).0 == .ok)
            let (_, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/runs?plan=PLAN-SMOKE")
            #expect(html.contains("<figure class=\"chart\">") && html.contains(">2.4.0</text>") && html.contains(">2.4.1</text>"))
            #expect(html.contains("aria-label=\"Pass rate: 2.4.0: 100 %, 2.4.1: —\""))
            let (_, _, unfiltered) = try await WebPagesTests.page(client, "/projects/SHOP/runs")
            #expect(!unfiltered.contains("<figure class=\"chart\">"))
        }
    }

    /// Coverage of the latest run: a requirement whose case failed is failing, one whose cases
    /// all passed is covered, the rest are not covered; the page shows the same.
    @Test func requirementsCoverageIsServedAsJSONAndAsAPage() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let (_, none, _) = try await client.send(.get, "/api/v1/projects/SHOP/requirements", token: token)
            #expect(none["run"] == .null && (none["summary"]?["not-covered"]?.int ?? 0) > 5 && none["summary"]?["covered"]?.int == 0)
            let run = try await RunsAPITests.createRun(client, token, plan: "PLAN-R24")
            let before = try await client.send(.get, "/api/v1/projects/SHOP/requirements", token: token).1
            let requirements = before["requirements"]?.array ?? []
            // Two requirements whose cases are all in the run: one to fail, one to pass.
            let inRun = requirements.filter { requirement in (requirement["cases"]?.array ?? []).allSatisfy { $0["status"]?.string == "untested" } }
            #expect(inRun.count >= 2)
            let failing = try #require(inRun.first), covered = try #require(inRun.last)
            var results: [String] = []
            for (requirement, status) in [(failing, "failed"), (covered, "passed")] {
                for entry in requirement["cases"]?.array ?? [] {
                    let caseID = entry["id"]?.string ?? ""
                    for device in ["chrome-desktop", "safari-mac"] {
                        results.append(#"{"case":"\#(caseID)","device":"\#(device)","status":"\#(status)"}"#)
                    }
                }
            }
            let body = #"{"results":[\#(results.joined(separator: ","))]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: body).0 == .ok)
            let (status, after, headers) = try await client.send(.get, "/api/v1/projects/SHOP/requirements?plan=PLAN-R24", token: token)
            #expect(status == .ok && after["run"]?["id"]?.int == run && headers[.eTag] != nil)
            let states = Dictionary(
                uniqueKeysWithValues: (after["requirements"]?.array ?? []).map { ($0["id"]?.string ?? "", $0["state"]?.string ?? "") })
            #expect(states[failing["id"]?.string ?? ""] == "failing" && states[covered["id"]?.string ?? ""] == "covered")
            let (_, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/requirements?run=\(run)")
            #expect(
                html.contains("<span class=\"cov cov-failing\">failing</span>") && html.contains("<span class=\"cov cov-covered\">covered</span>"))
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/requirements?plan=PLAN-NOPE", token: token).0 == .badRequest)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/requirements?run=abc", token: token).0 == .badRequest)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/requirements?run=999", token: token).0 == .notFound)
        }
    }
}
