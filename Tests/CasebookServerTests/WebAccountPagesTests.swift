import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The account page (language, sessions, API tokens), the admins' pages, and the session
/// cookie on the JSON API, where a write must carry the CSRF token.
@Suite struct WebAccountPagesTests {
    /// Posts a form with `cookie` and answers the status, the headers and the HTML.
    static func post(_ client: some TestClientProtocol, _ uri: String, cookie: String, form: String) async throws -> (
        HTTPResponse.Status, HTTPFields, String
    ) {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie], body: ByteBuffer(string: form)
        ) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    /// The CSRF token of the session in `cookie`, read from a page's form.
    static func csrf(_ client: some TestClientProtocol, cookie: String) async throws -> String {
        let html = try await WebPagesTests.page(client, "/account", cookie: cookie).2
        return String(try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]{32})"/)).output.1)
    }

    @Test func aTokenIsCreatedOnceAndRevokedFromTheAccountPage() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let cookie = try await WebPagesTests.signIn(client, "tim")
            let csrf = try await Self.csrf(client, cookie: cookie)
            #expect(try await Self.post(client, "/account/tokens", cookie: cookie, form: "name=nightly&write=on").0 == .forbidden, "no CSRF token")
            let (status, _, created) = try await Self.post(client, "/account/tokens", cookie: cookie, form: "csrf=\(csrf)&name=nightly&write=on")
            let secret = String(try #require(created.firstMatch(of: /<code class="secret">([^<]+)<\/code>/)).output.1)
            #expect(status == .ok && created.contains("<td>nightly</td><td>read write</td>"))
            #expect(try await client.send(.get, "/api/v1/auth/me", token: secret).0 == .ok)
            let (_, _, listed) = try await WebPagesTests.page(client, "/account", cookie: cookie)
            #expect(!listed.contains(secret), "the token is shown once")
            let lastUsed = "</time></td><td><form method=\"post\" action=\"/account/tokens/"
            #expect(listed.contains(lastUsed), "last used, a time the page shows in the reader's zone")
            let id = try #require(listed.firstMatch(of: /action="\/account\/tokens\/([0-9]+)\/revoke"/)).output.1
            #expect(try await Self.post(client, "/account/tokens/\(id)/revoke", cookie: cookie, form: "csrf=\(csrf)").0 == .seeOther)
            #expect(try await client.send(.get, "/api/v1/auth/me", token: secret).0 == .unauthorized)
            let (unnamed, _, _) = try await Self.post(client, "/account/tokens", cookie: cookie, form: "csrf=\(csrf)&name=")
            #expect(unnamed == .unprocessableContent || unnamed == .badRequest, "a token needs a name")
            // A refused token is shown in the account page's form, the name kept.
            _ = try await Self.post(client, "/account/tokens", cookie: cookie, form: "csrf=\(csrf)&name=ci")
            let (taken, _, page) = try await Self.post(client, "/account/tokens", cookie: cookie, form: "csrf=\(csrf)&name=ci")
            #expect(
                taken == .conflict && page.contains("role=\"alert\" id=\"token-problem\">") && page.contains("value=\"ci\" aria-invalid=\"true\""))
        }
    }

    @Test func anotherSessionIsSignedOutFromTheAccountPage() async throws {
        let repo = try await ServedRepository()
        var closed = repo.options
        closed.anonymousRead = false
        try await repo.test(closed) { client in
            let laptop = try await WebPagesTests.signIn(client, "tim"), phone = try await WebPagesTests.signIn(client, "tim")
            let (_, _, html) = try await WebPagesTests.page(client, "/account", cookie: laptop)
            let others = html.matches(of: /action="\/account\/sessions\/([0-9]+)\/revoke"/).map { String($0.output.1) }
            #expect(others.count == 1 && html.contains("this session"))
            let csrf = try await Self.csrf(client, cookie: laptop)
            #expect(try await Self.post(client, "/account/sessions/\(others[0])/revoke", cookie: laptop, form: "csrf=\(csrf)").0 == .seeOther)
            #expect(try await WebPagesTests.page(client, "/account", cookie: phone).0 == .seeOther, "the phone is signed out")
            #expect(try await WebPagesTests.page(client, "/account", cookie: laptop).0 == .ok)
        }
    }

    @Test func aUsersLanguageOverridesTheBrowsers() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let cookie = try await WebPagesTests.signIn(client, "tim")
            let csrf = try await Self.csrf(client, cookie: cookie)
            #expect(try await Self.post(client, "/account/language", cookie: cookie, form: "csrf=\(csrf)&language=zh-Hans").0 == .seeOther)
            let (_, _, chinese) = try await WebPagesTests.page(client, "/projects/SHOP/cases", cookie: cookie, headers: [.acceptLanguage: "en"])
            #expect(chinese.contains("<html lang=\"zh-Hans\">") && chinese.contains("用例"))
            #expect(try await Self.post(client, "/account/language", cookie: cookie, form: "csrf=\(csrf)&language=tlh").0 == .unprocessableContent)
            #expect(try await Self.post(client, "/account/language", cookie: cookie, form: "csrf=\(csrf)&language=").0 == .seeOther)
            let (_, _, english) = try await WebPagesTests.page(client, "/projects/SHOP/cases", cookie: cookie, headers: [.acceptLanguage: "en"])
            #expect(english.contains("<html lang=\"en\">"))
        }
    }

    @Test func usersAndTheAuditLogAreForAdmins() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let admin = try await WebPagesTests.signIn(client, "ada"), tester = try await WebPagesTests.signIn(client, "tim")
            let (status, _, users) = try await WebPagesTests.page(client, "/users", cookie: admin)
            #expect(status == .ok && users.contains("<td>viv</td>") && users.contains("<td>viewer</td>"))
            let (_, _, audit) = try await WebPagesTests.page(client, "/audit?action=login", cookie: admin)
            #expect(audit.contains("<td>tim</td><td>login</td>") && !audit.contains("<td>logout</td>"))
            #expect(try await WebPagesTests.page(client, "/users", cookie: tester).0 == .forbidden)
            #expect(try await WebPagesTests.page(client, "/audit", cookie: tester).0 == .forbidden)
            #expect(try await WebPagesTests.page(client, "/audit?action=dance", cookie: admin).0 == .badRequest)
        }
    }

    /// The session cookie signs API requests in; a write needs the CSRF token beside it, which a
    /// page of another site cannot read.
    @Test func theSessionCookieReadsTheAPIAndWritesOnlyWithItsCSRFToken() async throws {
        let repo = try await ServedRepository()
        var closed = repo.options
        closed.anonymousRead = false
        try await repo.test(closed) { client in
            let cookie = try await WebPagesTests.signIn(client, "tim")
            let csrf = try await Self.csrf(client, cookie: cookie)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101", headers: [.cookie: cookie]).0 == .ok)
            let body = #"{"plan":"PLAN-SMOKE"}"#
            let forged = try await client.send(.post, "/api/v1/projects/SHOP/runs", json: body, headers: [.cookie: cookie])
            #expect(forged.0 == .forbidden && forged.1["detail"]?.string?.contains("X-CSRF-Token") == true)
            let wrong = try await client.send(
                .post, "/api/v1/projects/SHOP/runs", json: body,
                headers: [.cookie: cookie, .csrfToken: (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst()])
            #expect(wrong.0 == .forbidden)
            #expect(
                try await client.send(.post, "/api/v1/projects/SHOP/runs", json: body, headers: [.cookie: cookie, .csrfToken: csrf]).0 == .created)
            #expect(
                try await client.send(.get, "/api/v1/projects/SHOP/cases", headers: [.cookie: "casebook_session=cbs_nonsense"]).0 == .unauthorized)
        }
    }

    /// Pages and their assets are gzipped for a browser that takes it; `/api` documents every
    /// operation, with a form to try each GET.
    @Test func pagesAreCompressedAndTheAPIReferenceCoversEveryOperation() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, headers, _) = try await WebPagesTests.page(client, "/projects/SHOP/cases", headers: [.acceptEncoding: "gzip, deflate, br"])
            #expect(headers[.contentEncoding] == "gzip" && headers[.vary] == "Accept-Encoding")
            let (_, plain, _) = try await WebPagesTests.page(client, "/projects/SHOP/cases", headers: [.acceptEncoding: "gzip;q=0"])
            #expect(plain[.contentEncoding] == nil)
            try await client.execute(uri: WebTemplates.stylesheet.path, method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip" && response.body.readableBytes < WebTemplates.stylesheet.bytes.count)
            }
            let (status, _, html) = try await WebPagesTests.page(client, "/api")
            let document = try OpenAPIDocumentTests.document()
            var operations = 0
            guard case .object(let paths) = document["paths"] else { throw CancellationError() }
            for case .object(let item) in paths.values {
                for (method, operation) in item where ["get", "post", "put", "patch", "delete"].contains(method) {
                    operations += 1
                    #expect(html.contains("id=\"op-\(operation["operationId"]?.string ?? "?")\""), "\(method) \(operation)")
                }
            }
            #expect(status == .ok && operations > 50 && html.contains("<form class=\"try filters\" data-path=\"/api/v1/projects/{key}/cases\">"))
        }
    }
}
