import CasebookStore
import CasebookTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct AuthAPITests {
    @Test func loginMeAndLogoutRevokeAtOnce() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (status, body, _) = try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"tim","password":"tester password"}"#)
            #expect(status == .ok && body["tokenType"]?.string == "Bearer" && body["user"]?["role"]?.string == "tester")
            #expect(body["expiresAt"]?.string != nil && body["user"]?["passwordHash"] == nil)
            let token = try #require(body["token"]?.string)
            let me = try await client.send(.get, "/api/v1/auth/me", token: token)
            #expect(me.0 == .ok && me.1["user"]?["username"]?.string == "tim" && me.1["credential"]?.string == "session")
            #expect(try await client.send(.post, "/api/v1/auth/logout", token: token).0 == .noContent)
            let after = try await client.send(.get, "/api/v1/auth/me", token: token)
            #expect(after.0 == .unauthorized && after.1["detail"]?.string == "this session was signed out; sign in again")
            #expect(after.2[.wwwAuthenticate] == #"Bearer realm="casebook""#)
        }
    }

    @Test func badCredentialsAndBadTokensAre401() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let wrong = try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"tim","password":"nope nope nope"}"#)
            #expect(wrong.0 == .unauthorized && wrong.1["type"]?.string == "urn:casebook:problem:unauthorized")
            for header in ["Basic dGltOnRpbQ==", "Bearer cbs_short", "Bearer cbt_" + String(repeating: "A", count: 43)] {
                let (status, _, _) = try await client.send(.get, "/api/v1/projects", headers: [.authorization: header])
                #expect(status == .unauthorized, "\(header)")
            }
            let malformed = try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"tim""#)
            #expect(malformed.0 == .badRequest && malformed.1["type"]?.string == "urn:casebook:problem:malformed-body")
            let missing = try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"tim"}"#)
            #expect(missing.0 == .badRequest && missing.1["detail"]?.string == "password is missing")
            let form = try await client.send(
                .post, "/api/v1/auth/login", json: "username=tim", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.0 == .unsupportedMediaType)
        }
    }

    @Test func failedLoginsAreRateLimitedPerUsername() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            for _ in 0..<5 {
                #expect(
                    try await client.send(.post, "/api/v1/auth/login", json: #"{"username":"viv","password":"wrong password"}"#).0 == .unauthorized)
            }
            let (status, body, headers) = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"viv","password":"viewer password"}"#)
            #expect(status == .tooManyRequests && body["type"]?.string == "urn:casebook:problem:too-many-requests")
            #expect(Int(headers[.retryAfter] ?? "") ?? 0 > 800)
            // Another user is not held back by viv's failures.
            _ = try await client.login("tim")
        }
    }

    @Test func failedLoginsAreRateLimitedPerClientAddress() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            // Twenty failures spread over usernames, each under its own limit, from one address.
            for attempt in 0..<20 {
                let (status, _, _) = try await client.send(
                    .post, "/api/v1/auth/login", json: #"{"username":"guess\#(attempt % 5)","password":"wrong password"}"#)
                #expect(status == .unauthorized)
            }
            let (status, body, headers) = try await client.send(
                .post, "/api/v1/auth/login", json: #"{"username":"tim","password":"tester password"}"#)
            #expect(
                status == .tooManyRequests && body["detail"]?.string?.hasPrefix("too many failed logins for this user or from this address") == true)
            #expect(Int(headers[.retryAfter] ?? "") ?? 0 > 800)
        }
    }

    @Test func readsNeedATokenUnlessAnonymousReadsAreOn() async throws {
        let repo = try await ServedRepository()
        var closed = repo.options
        closed.anonymousRead = false
        try await repo.test(closed) { client in
            let (status, body, _) = try await client.send(.get, "/api/v1/projects")
            #expect(status == .unauthorized && body["detail"]?.string?.contains("POST /api/v1/auth/login") == true)
            let token = try await client.login("viv")
            #expect(try await client.send(.get, "/api/v1/projects", token: token).0 == .ok)
            #expect(try await client.send(.get, "/health/ready").0 == .ok)
        }
        try await repo.test { client in
            #expect(try await client.send(.get, "/api/v1/projects").0 == .ok)
            #expect(try await client.send(.get, "/api/v1/auth/me").1["credential"]?.string == "anonymous")
            let write = try await client.send(.post, "/api/v1/projects/SHOP/runs", json: #"{"plan":"PLAN-SMOKE"}"#)
            #expect(write.0 == .unauthorized && write.1["detail"]?.string == "sign in to write: send Authorization: Bearer TOKEN")
        }
    }

    @Test func anUnusableDatabaseStopsTheStartWithItsPath() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.database = repo.databasePath + "/inside-a-file/casebook.sqlite"
        await #expect {
            _ = try await buildApplication(options)
        } throws: { error in
            "\(error)".hasPrefix("cannot open the database \(options.database):")
        }
    }

    @Test func sessionsExpire() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.sessionLifetime = .zero
        try await repo.test(options) { client in
            let token = try await client.login("tim")
            let (status, body, _) = try await client.send(.get, "/api/v1/auth/me", token: token)
            #expect(status == .unauthorized && body["detail"]?.string == "this session expired; sign in again")
        }
    }

    @Test func apiTokensHaveScopesAndAreRevokedAtOnce() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let session = try await client.login("tim")
            let created = try await client.send(.post, "/api/v1/tokens", token: session, json: #"{"name":"dashboard","scopes":["read"]}"#)
            #expect(created.0 == .created && created.1["scopes"]?.array?.count == 1)
            let reader = try #require(created.1["token"]?.string)
            #expect(reader.hasPrefix("cbt_"))
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/runs", token: reader).0 == .ok)
            let write = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: reader, json: #"{"plan":"PLAN-SMOKE"}"#)
            #expect(write.0 == .forbidden && write.1["detail"]?.string == "this API token may only read; create one with the write scope")
            let listed = try await client.send(.get, "/api/v1/tokens", token: session)
            #expect(listed.1["tokens"]?[0]?["name"]?.string == "dashboard" && listed.1["tokens"]?[0]?["token"] == nil)
            let id = try #require(created.1["id"]?.int)
            #expect(try await client.send(.delete, "/api/v1/tokens/\(id)", token: session).0 == .noContent)
            let revoked = try await client.send(.get, "/api/v1/projects", token: reader)
            #expect(revoked.0 == .unauthorized && revoked.1["detail"]?.string == "this API token was revoked")
            let badScope = try await client.send(.post, "/api/v1/tokens", token: session, json: #"{"name":"x","scopes":["admin"]}"#)
            #expect(badScope.0 == .unprocessableContent && badScope.1["detail"]?.string == "unknown scope 'admin'; scopes are: read, write")
            let viewer = try await client.login("viv")
            #expect(try await client.send(.post, "/api/v1/tokens", token: viewer, json: #"{"name":"x","scopes":["read","write"]}"#).0 == .forbidden)
        }
    }

    @Test func adminsManageUsersAndDepartments() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let admin = try await client.login("ada")
            let tester = try await client.login("tim")
            #expect(try await client.send(.post, "/api/v1/departments", token: admin, json: #"{"name":"QA"}"#).0 == .created)
            #expect(try await client.send(.post, "/api/v1/departments", token: admin, json: #"{"name":"qa"}"#).0 == .conflict)
            let body =
                #"{"username":"neo","displayName":"Neo","email":"neo@example.com","department":"QA","role":"tester","password":"a long password"}"#
            #expect(try await client.send(.post, "/api/v1/users", token: tester, json: body).0 == .forbidden)
            let created = try await client.send(.post, "/api/v1/users", token: admin, json: body)
            #expect(created.0 == .created && created.1["user"]?["department"]?.string == "QA" && created.1["user"]?["password"] == nil)
            #expect(try await client.send(.post, "/api/v1/users", token: admin, json: body).0 == .conflict)
            let role = try await client.send(
                .post, "/api/v1/users", token: admin, json: body.replacingOccurrences(of: "\"tester\"", with: "\"boss\""))
            #expect(role.0 == .unprocessableContent && role.1["detail"]?.string == "unknown role 'boss'; roles are: viewer, tester, admin")
            #expect(try await client.send(.get, "/api/v1/users", token: tester).0 == .forbidden)
            #expect(try await client.send(.get, "/api/v1/users/tim", token: tester).0 == .ok)
            #expect(try await client.send(.get, "/api/v1/users", token: admin).1["users"]?.array?.count == 4)
            let neo = try await client.login(as: "neo", password: "a long password")
            #expect(
                try await client.send(.patch, "/api/v1/users/neo", token: admin, json: #"{"disabled":true}"#).1["user"]?["disabled"]?.bool == true)
            #expect(try await client.send(.get, "/api/v1/auth/me", token: neo).0 == .unauthorized)
            #expect(try await client.send(.patch, "/api/v1/users/tim", token: tester, json: #"{"role":"admin"}"#).0 == .forbidden)
            #expect(
                try await client.send(.patch, "/api/v1/users/tim", token: tester, json: #"{"displayName":"Tim T."}"#).1["user"]?["displayName"]?
                    .string == "Tim T.")
            let renamed = try await client.send(.patch, "/api/v1/departments/QA", token: admin, json: #"{"name":"Quality"}"#)
            #expect(renamed.1["department"]?["name"]?.string == "Quality" && renamed.1["department"]?["users"]?.int == 1)
            #expect(try await client.send(.delete, "/api/v1/departments/Quality", token: admin).0 == .noContent)
            #expect(try await client.send(.get, "/api/v1/departments", token: tester).1["departments"]?.array?.isEmpty == true)
        }
    }
}

extension TestClientProtocol {
    /// Signs in with a password not in ``ServedRepository/users``.
    func login(as username: String, password: String) async throws -> String {
        let (_, body, _) = try await send(.post, "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        return try #require(body["token"]?.string)
    }
}
