import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// What a user may do to accounts other than their own, the admin that must remain, and API
/// tokens: each rule with the request that breaks it refused.
@Suite struct AccountRulesTests {
    @Test func theLastActiveAdminStays() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let ada = try await client.login("ada")
            for change in [#"{"role":"tester"}"#, #"{"disabled":true}"#] {
                let refused = try await client.send(.patch, "/api/v1/users/ada", token: ada, json: change)
                #expect(
                    refused.0 == .conflict && refused.1["detail"]?.string == "ada is the last active admin; make another user an admin first",
                    "\(change)")
            }
            #expect(try await client.send(.get, "/api/v1/users/ada", token: ada).1["user"]?["role"]?.string == "admin", "nothing changed")
            #expect(try await client.send(.patch, "/api/v1/users/tim", token: ada, json: #"{"role":"admin"}"#).0 == .ok)
            #expect(try await client.send(.patch, "/api/v1/users/ada", token: ada, json: #"{"role":"tester"}"#).0 == .ok)
        }
    }

    /// A tester changes their own profile and password only, reads only their own account,
    /// deletes only their own attachments and revokes only their own tokens.
    @Test func aTesterCannotActOnAnotherUser() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let ada = try await client.login("ada")
            let tim = try await client.login("tim")
            let newUser = #"{"username":"tess","role":"tester","password":"her own secret"}"#
            #expect(try await client.send(.post, "/api/v1/users", token: ada, json: newUser).0 == .created)
            let tess = try await client.login(as: "tess", password: "her own secret")

            #expect(try await client.send(.patch, "/api/v1/users/ada", token: tim, json: #"{"password":"taken over at last"}"#).0 == .forbidden)
            #expect(try await client.send(.patch, "/api/v1/users/tess", token: tim, json: #"{"displayName":"Mallory"}"#).0 == .forbidden)
            #expect(try await client.send(.patch, "/api/v1/users/tess", token: tim, json: #"{"email":"m@example.com"}"#).0 == .forbidden)
            #expect(try await client.send(.get, "/api/v1/users/ada", token: tim).0 == .forbidden)
            _ = try await client.login(as: "ada", password: "admin password")

            let upload = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=tess.txt", token: tess, json: "x", headers: [.contentType: "text/plain"]
            )
            let attachment = try #require(upload.1["attachment"]?["id"]?.int)
            #expect(try await client.send(.delete, "/api/v1/projects/SHOP/attachments/\(attachment)", token: tim).0 == .forbidden)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim).1["attachments"]?.array?.count == 1)

            let token = try #require(
                try await client.send(.post, "/api/v1/tokens", token: tess, json: #"{"name":"ci","scopes":["read"]}"#).1["id"]?.int)
            #expect(try await client.send(.delete, "/api/v1/tokens/\(token)", token: tim).0 == .notFound)
            #expect(try await client.send(.get, "/api/v1/tokens?user=tess", token: tim).0 == .forbidden)
        }
    }

    @Test func tokenScopesAndNamesAreChecked() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            for scopes in ["[]", #"["read","read"]"#] {
                let refused = try await client.send(.post, "/api/v1/tokens", token: tim, json: #"{"name":"x","scopes":\#(scopes)}"#)
                #expect(refused.0 == .unprocessableContent && refused.1["field"]?.string == "scopes", "\(scopes)")
            }
            let first = try await client.send(.post, "/api/v1/tokens", token: tim, json: #"{"name":"ci","scopes":["read","write"]}"#)
            #expect(first.0 == .created && first.1["user"]?["username"]?.string == "tim")
            let again = try await client.send(.post, "/api/v1/tokens", token: tim, json: #"{"name":" ci ","scopes":["read"]}"#)
            #expect(again.0 == .conflict && again.1["detail"]?.string == "a token named 'ci' exists already; revoke it or choose another name")
            let id = try #require(first.1["id"]?.int)

            let ada = try await client.login("ada")
            let listed = try await client.send(.get, "/api/v1/tokens?user=tim", token: ada)
            #expect(listed.0 == .ok && listed.1["tokens"]?.array?.map { $0["name"]?.string } == ["ci"])
            #expect(try await client.send(.get, "/api/v1/tokens?user=nobody", token: ada).0 == .notFound)
            #expect(try await client.send(.delete, "/api/v1/tokens/\(id)", token: ada).0 == .noContent)
            #expect(
                try await client.send(.post, "/api/v1/tokens", token: tim, json: #"{"name":"ci","scopes":["read"]}"#).0 == .created,
                "a revoked token's name is free")
        }
    }
}
