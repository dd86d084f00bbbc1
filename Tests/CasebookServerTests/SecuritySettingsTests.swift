import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// What the security options change: whose address counts behind a proxy, which passwords are
/// taken, who reads `/metrics` and refreshes a project, and which origins a browser may call from.
@Suite struct SecuritySettingsTests {
    static func failLogins(_ client: some TestClientProtocol, from address: String, count: Int = 20) async throws {
        for attempt in 0..<count {
            let (status, _, _) = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"guess\#(attempt % 5)","password":"wrong password"}"#,
                headers: [.forwardedFor: address])
            #expect(status == .unauthorized)
        }
    }

    @Test func aTrustedProxyNamesTheClient() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.trustedProxies = [try #require(AddressRange("127.0.0.0/8"))]
        try await repo.test(options, .live) { client in
            // What the client wrote itself stays left of what the proxy appended.
            try await Self.failLogins(client, from: "192.0.2.1, 203.0.113.7")
            let other = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"tim","password":"tester password"}"#, headers: [.forwardedFor: "198.51.100.9"])
            #expect(other.0 == .ok, "another client behind the proxy is not locked out")
            let same = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"tim","password":"tester password"}"#, headers: [.forwardedFor: "203.0.113.7"])
            #expect(same.0 == .tooManyRequests)

            let admin = try #require(other.1["token"]?.string)
            _ = try await client.send(.patch, "/api/v1/users/tim", token: admin, json: "{}")
            let ada = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"ada","password":"admin password"}"#, headers: [.forwardedFor: "198.51.100.9"])
            let audit = try await client.send(.get, "/api/v1/audit?action=loginFailed&limit=1", token: ada.1["token"]?.string)
            #expect(audit.1["total"]?.int == 20 && audit.1["entries"]?[0]?["summary"]?.string == "unknown user, from 203.0.113.7", "\(audit.1)")
        }
    }

    @Test func withoutATrustedProxyTheHeaderIsIgnored() async throws {
        let repo = try await ServedRepository()
        try await repo.test(repo.options, .live) { client in
            try await Self.failLogins(client, from: "203.0.113.7")
            let other = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"tim","password":"tester password"}"#, headers: [.forwardedFor: "198.51.100.9"])
            #expect(other.0 == .tooManyRequests, "the connection's address counts: a header anyone can send does not unlock it")
        }
    }

    @Test func weakAndListedPasswordsAreRefused() async throws {
        let repo = try await ServedRepository()
        let list = try TemporaryDirectory()
        defer { list.remove() }
        try list.write("common.txt", "\u{FEFF}password123\nletmein2024!\n\nQwertyuiop\n")
        var options = repo.options
        options.passwords.denylist = try PasswordDenylist(path: list.path + "/common.txt")
        try await repo.test(options) { client in
            let admin = try await client.login("ada")
            for (password, says) in [
                ("neo-the-one", "may not hold the username"), ("aaaaaaaaaa", "at least 4 different characters"),
                ("          ", "at least 4 different characters"), ("LetMeIn2024!", "list of common passwords"),
                ("qwertyuiop", "list of common passwords"),
            ] {
                let body = #"{"username":"neo","role":"tester","password":"\#(password)"}"#
                let refused = try await client.send(.post, "/api/v1/users", token: admin, json: body)
                #expect(
                    refused.0 == .unprocessableContent && refused.1["field"]?.string == "password"
                        && refused.1["detail"]?.string?.contains(says) == true, "\(password)")
            }
            #expect(try await client.send(.patch, "/api/v1/users/tim", token: admin, json: #"{"password":"password123"}"#).0 == .unprocessableContent)
            #expect(
                try await client.send(
                    .post, "/api/v1/users", token: admin, json: #"{"username":"neo","role":"tester","password":"a long passphrase"}"#
                ).0 == .created)
            // Past the 72 bytes bcrypt reads, every character still counts.
            let long = String(repeating: "ünïcödé ", count: 12)
            #expect(
                try await client.send(.post, "/api/v1/users", token: admin, json: #"{"username":"lia","role":"viewer","password":"\#(long)1"}"#).0
                    == .created)
            #expect(try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"lia","password":"\#(long)1"}"#).0 == .ok)
            #expect(try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"lia","password":"\#(long)2"}"#).0 == .unauthorized)
        }
    }

    @Test func metricsFollowTheRuleOfReadsOrTakeTheirToken() async throws {
        let repo = try await ServedRepository()
        var closed = repo.options
        closed.anonymousRead = false
        closed.metricsToken = "scrape-me"
        try await repo.test(closed) { client in
            func status(_ headers: HTTPFields = [:]) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/metrics", method: .get, headers: headers) { $0.status }
            }
            #expect(try await status() == .unauthorized)
            #expect(try await status([.authorization: "Bearer scrape-me"]) == .ok)
            #expect(try await status([.authorization: "Bearer scrape-you"]) == .unauthorized)
            let token = try await client.login("viv")
            #expect(try await status([.authorization: "Bearer \(token)"]) == .ok)
            let health = try await client.get("/health/live").0
            #expect(health == .ok, "health stays open for probes")
        }
        try await repo.test { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get) { $0.status }
            #expect(metrics == .ok, "anonymous reads read metrics too")
        }
    }

    @Test func aRefreshTakesAWriteTokenOrASignedWebhook() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.webhookSecret = "It's a Secret to Everybody"
        try await repo.test(options) { client in
            let uri = "/api/v1/projects/SHOP/refresh"
            #expect(try await client.send(.post, uri).0 == .unauthorized)
            #expect(try await client.send(.post, uri, token: try await client.login("viv")).0 == .forbidden)
            #expect(try await client.send(.post, uri, token: try await client.login("tim")).0 == .ok)

            // GitHub's example from its documentation on validating webhook deliveries.
            let body = "Hello, World!"
            let signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
            #expect(try await client.send(.post, uri, json: body, headers: [.hubSignature: signature]).0 == .ok)
            let forged = try await client.send(.post, uri, json: body + " ", headers: [.hubSignature: signature])
            #expect(forged.0 == .unauthorized && forged.1["detail"]?.string?.contains("X-Hub-Signature-256") == true)
            #expect(try await client.send(.post, uri, headers: [.gitlabToken: "It's a Secret to Everybody"]).0 == .ok)
            #expect(try await client.send(.post, uri, headers: [.gitlabToken: "a guess"]).0 == .unauthorized)
        }
    }

    @Test func corsAllowsTheGivenOriginsOnly() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.corsOrigins = ["https://dashboard.example.com"]
        try await repo.test(options) { client in
            let preflight: HTTPFields = [
                .origin: "https://dashboard.example.com", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "authorization",
            ]
            try await client.execute(uri: "/api/v1/projects/SHOP/runs", method: .options, headers: preflight) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "https://dashboard.example.com")
                #expect(
                    response.headers[.accessControlAllowMethods]?.contains("POST") == true
                        && response.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            }
            var elsewhere = preflight
            elsewhere[.origin] = "https://evil.example.net"
            try await client.execute(uri: "/api/v1/projects/SHOP/runs", method: .options, headers: elsewhere) { response in
                #expect(response.status == .forbidden && response.headers[.accessControlAllowOrigin] == nil)
            }
            let read = try await client.get("/api/v1/projects/SHOP", headers: [.origin: "https://dashboard.example.com"])
            #expect(
                read.0 == .ok && read.2[.accessControlAllowOrigin] == "https://dashboard.example.com"
                    && read.2[.accessControlExposeHeaders]?.contains("ETag") == true)
            let failed = try await client.send(.post, "/api/v1/projects/SHOP/runs", json: "{}", headers: [.origin: "https://dashboard.example.com"])
            #expect(failed.0 == .unauthorized && failed.2[.accessControlAllowOrigin] == "https://dashboard.example.com", "errors are readable too")
            #expect(try await client.get("/api/v1/projects/SHOP", headers: [.origin: "https://evil.example.net"]).2[.accessControlAllowOrigin] == nil)
        }
        try await repo.test { client in
            let headers = try await client.get("/api/v1/projects/SHOP", headers: [.origin: "https://dashboard.example.com"]).2
            #expect(headers[.accessControlAllowOrigin] == nil)
        }
    }
}
