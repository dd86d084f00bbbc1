import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The pages at `/`, through the real router: what they show, what they escape, who may see
/// them, and the headers and checks that keep a browser safe.
@Suite struct WebPagesTests {
    /// GETs `uri` as a browser would (with `cookie`), and answers the status, the headers and the HTML.
    static func page(_ client: some TestClientProtocol, _ uri: String, cookie: String? = nil, headers: HTTPFields = [:]) async throws
        -> (HTTPResponse.Status, HTTPFields, String)
    {
        var headers = headers
        headers[.accept] = "text/html"
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    /// Signs in with the form and answers the session cookie (`name=value`).
    static func signIn(_ client: some TestClientProtocol, _ username: String, next: String = "/") async throws -> String {
        let password = try #require(ServedRepository.users.first { $0.0 == username }?.2).replacingOccurrences(of: " ", with: "+")
        let form = "username=\(username)&password=\(password)&next=\(next)"
        return try await client.execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
        ) { response in
            #expect(response.status == .seeOther && response.headers[.location] == next)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            return String(cookie.split(separator: ";")[0])
        }
    }

    @Test func everyPageSendsItsSecurityHeaders() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            for uri in ["/", "/login", "/projects/SHOP/cases", "/projects/SHOP/cases/SHOP-101", "/projects/SHOP/cases/NOPE-1"] {
                let (_, headers, html) = try await Self.page(client, uri)
                #expect(headers[.contentType] == "text/html; charset=utf-8" && html.hasPrefix("<!doctype html>"), "\(uri)")
                let policy = headers[.contentSecurityPolicy] ?? ""
                #expect(
                    policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "\(uri)")
                #expect(headers[.xContentTypeOptions] == "nosniff" && headers[.referrerPolicy] == "same-origin", "\(uri)")
                // The one script is a module loaded from a file: nothing inline, no handler attributes.
                #expect(!html.contains("<script>") && !html.contains("style=") && html.firstMatch(of: /\son[a-z]+=/) == nil, "\(uri)")
                #expect(html.contains("<script type=\"module\" src=\"/assets/casebook-"), "\(uri)")
            }
            let (missing, _, html) = try await Self.page(client, "/projects/SHOP/cases/NOPE-1")
            #expect(missing == .notFound && html.contains("no case &#39;NOPE-1&#39;"))
            let stylesheet = try #require(html.firstMatch(of: /href="(\/assets\/casebook-[0-9a-f]{12}\.css)"/)).output.1
            try await client.execute(uri: String(stylesheet), method: .get) { response in
                #expect(response.status == .ok && response.headers[.cacheControl]?.contains("immutable") == true)
            }
        }
    }

    @Test func projectsCasesAndACaseAreShown() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, _, home) = try await Self.page(client, "/")
            #expect(home.contains("href=\"/projects/SHOP/cases\"") && home.contains("Web Shop"))
            let (_, _, list) = try await Self.page(client, "/projects/SHOP/cases?priority=critical&limit=5")
            #expect(list.contains("<option value=\"critical\" selected>") && list.components(separatedBy: "<tr>").count == 7)
            #expect(list.contains("rel=\"next\" href=\"/projects/SHOP/cases?priority=critical&amp;limit=5&amp;cursor="))
            let (_, _, detail) = try await Self.page(client, "/projects/SHOP/cases/SHOP-129")
            #expect(
                detail.contains("Add an item to the cart")
                    && detail.contains(
                        "<a class=\"block\" href=\"/projects/SHOP/shared-steps/LOGIN-STEPS\" title=\"From a shared-step block\">LOGIN-STEPS</a>")
            )
            let (_, _, chinese) = try await Self.page(client, "/projects/SHOP/cases/SHOP-129", headers: [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"])
            #expect(chinese.contains("<html lang=\"zh-Hans\">") && chinese.contains("步骤"))
        }
    }

    /// A script in a case's title or steps is shown as text, never run.
    @Test func valuesFromCaseFilesAreEscaped() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write([
            "shop/cases/checkout/xss.yaml": """
            id: SHOP-666
            title: "<script>alert(1)</script>"
            tags: ["\\"><img src=x onerror=alert(2)>"]
            links: ["javascript:alert(3)"]
            steps:
              - action: "<b onmouseover=alert(4)>hover</b>"

            """
        ])
        _ = try repo.fixture.commit("A hostile case")
        try await repo.test { client in
            let (status, _, html) = try await Self.page(client, "/projects/SHOP/cases/SHOP-666")
            #expect(status == .ok)
            #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<img src=x") && !html.contains("<b onmouseover") && !html.contains("javascript:alert"))
        }
    }

    @Test func withoutAnonymousReadsPagesAskToSignInAndFormsAreGuarded() async throws {
        let repo = try await ServedRepository()
        var closed = repo.options
        closed.anonymousRead = false
        try await repo.test(closed) { client in
            let (status, headers, _) = try await Self.page(client, "/projects/SHOP/cases/SHOP-101")
            #expect(status == .seeOther && headers[.location] == "/login?next=/projects/SHOP/cases/SHOP-101")
            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=tim&password=nope")
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(wrong.0 == .unauthorized && wrong.1.contains("role=\"alert\"") && wrong.1.contains("value=\"tim\""))
            let offsite = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example.net"],
                body: ByteBuffer(string: "username=tim&password=tester+password")
            ) { $0.status }
            #expect(offsite == .forbidden, "a cross-site form post is refused")

            let cookie = try await Self.signIn(client, "tim", next: "/projects/SHOP/cases/SHOP-101")
            let (signedIn, _, html) = try await Self.page(client, "/projects/SHOP/cases/SHOP-101", cookie: cookie)
            #expect(signedIn == .ok && html.contains("<a href=\"/account\">tim</a>"))
            let csrf = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]{32})"/)).output.1
            // Signing out without the form's token is refused; with it, the session ends at once.
            let forged = try await client.execute(
                uri: "/logout", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "csrf=0")
            ) { $0.status }
            #expect(forged == .forbidden)
            let out = try await client.execute(
                uri: "/logout", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "csrf=\(csrf)")
            ) { ($0.status, $0.headers[.setCookie] ?? "") }
            #expect(out.0 == .seeOther && out.1.contains("Max-Age=0"))
            #expect(try await Self.page(client, "/", cookie: cookie).0 == .seeOther, "the session is revoked")
            #expect(try await Self.page(client, "/login?next=//evil.example.net").0 == .ok)
            #expect(WebController.localPath("//evil.example.net") == "/" && WebController.localPath("/projects") == "/projects")
        }
    }

    /// The run list and a run's progress: counts, pass rate, and a stacked SVG bar per device
    /// and per group, each part as wide as its share.
    @Test func runsAndARunsProgressAreShown() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let executions =
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?limit=4", token: token).1["executions"]?.array ?? []
            let results = executions.enumerated().map { index, execution in
                #"{"case":"\#(execution["case"]?.string ?? "")","device":"\#(execution["device"]?.string ?? "")","status":"\#(index == 0 ? "failed" : "passed")"}"#
            }
            #expect(
                try await client.send(
                    .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(results.joined(separator: ","))]}"#
                ).0 == .ok)
            let (_, _, list) = try await Self.page(client, "/projects/SHOP/runs")
            #expect(list.contains("href=\"/projects/SHOP/runs/\(run)\"") && list.contains("PLAN-SMOKE"))
            let (status, _, page) = try await Self.page(client, "/projects/SHOP/runs/\(run)")
            #expect(status == .ok && page.contains("75.0 %") && page.contains("passed 3") && page.contains("failed 1"))
            #expect(page.contains("<svg class=\"statusbar\"") && page.contains("<rect class=\"s-passed\""))
            #expect(try await Self.page(client, "/projects/SHOP/runs/999999").0 == .notFound)
            #expect(try await Self.page(client, "/projects/SHOP/runs?state=ajar").0 == .badRequest)
        }
    }

    @Test func plansAndFindingsAreShown() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write(["shop/cases/checkout/broken.yaml": "id: SHOP-900\ntitle: Broken <b>\npriority: hgh\nsteps: [{ action: A }]\n"])
        _ = try repo.fixture.commit("A case with an unknown priority")
        try await repo.test { client in
            let (_, _, plans) = try await Self.page(client, "/projects/SHOP/plans")
            #expect(plans.contains("Smoke test of every build") && plans.contains("<td>chrome-desktop</td>"))
            let (status, _, findings) = try await Self.page(client, "/projects/SHOP/findings")
            #expect(status == .ok && findings.contains("cases/checkout/broken.yaml:3:11") && findings.contains("<pre>priority: hgh</pre>"))
            #expect(findings.contains("unknown priority &#39;hgh&#39;") && !findings.contains("Broken <b>"))
        }
    }

    /// A case page lists the case's results across runs (outdated or not) and its history.
    @Test func aCaseShowsItsResultsAndHistory() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let slot = #"{"results":[{"case":"SHOP-129","device":"pixel-8","status":"failed"}]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: slot).0 == .ok)
            let (_, _, html) = try await Self.page(client, "/projects/SHOP/cases/SHOP-129")
            #expect(html.contains("<span class=\"swatch s-failed\"></span>failed") && html.contains("href=\"/projects/SHOP/runs/\(run)\""))
            #expect(html.contains("<td>pixel-8</td>") && html.contains("<td>current</td>"))
            #expect(html.contains("added — Import the sample repository"))
            let (_, _, untouched) = try await Self.page(client, "/projects/SHOP/cases/SHOP-101")
            #expect(untouched.contains("Not executed yet."))
        }
    }
}
