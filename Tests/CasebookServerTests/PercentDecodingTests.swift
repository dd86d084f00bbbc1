import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Path parameters and query names and values are percent-decoded once, before any handler
/// reads them; what cannot be decoded is a 400 that says so.
@Suite struct PercentDecodingTests {
    @Test func pathParametersAreDecoded() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write([
            "shop/cases/ünï group/group.yaml": "title: Ünï group\n",
            "shop/cases/ünï group/one.yaml": "id: SHOP-900\ntitle: One\nsteps: [{ action: A }]\n",
        ])
        _ = try repo.fixture.commit("A group whose name is not ASCII")
        try await repo.test { client in
            let group = try await client.get("/api/v1/projects/SHOP/groups/%C3%BCn%C3%AF%20group")
            #expect(group.0 == .ok && group.1["group"]?["id"]?.string == "ünï group", "\(group.1)")

            let admin = try await client.login("ada")
            #expect(try await client.send(.post, "/api/v1/departments", token: admin, json: #"{"name":"R&D Team"}"#).0 == .created)
            let renamed = try await client.send(.patch, "/api/v1/departments/R%26D%20Team", token: admin, json: #"{"name":"R&D"}"#)
            #expect(renamed.0 == .ok && renamed.1["department"]?["name"]?.string == "R&D")
            #expect(try await client.send(.delete, "/api/v1/departments/R%26D", token: admin).0 == .noContent)

            let user = #"{"username":"qa@example.com","role":"viewer","password":"a long passphrase"}"#
            #expect(try await client.send(.post, "/api/v1/users", token: admin, json: user).0 == .created)
            let shown = try await client.send(.get, "/api/v1/users/qa%40example.com", token: admin)
            #expect(shown.0 == .ok && shown.1["user"]?["username"]?.string == "qa@example.com")

            let broken = try await client.get("/api/v1/projects/SHOP/cases/SHOP-%ZZ")
            #expect(broken.0 == .badRequest && broken.1["detail"]?.string?.contains("not percent-encoded UTF-8") == true, "\(broken.1)")
            #expect(try await client.get("/api/v1/projects/SHOP/cases/SHOP-%FF").0 == .badRequest)
        }
    }

    @Test func queryNamesAndValuesAreDecoded() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let limited = try await client.get("/api/v1/projects/SHOP/cases?l%69mit=1")
            #expect(limited.0 == .ok && limited.1["cases"]?.array?.count == 1)
            let empty = try await client.get("/api/v1/projects/SHOP/cases?cursor=&limit=2")
            #expect(empty.0 == .ok && empty.1["cases"]?.array?.count == 2, "an empty value counts as not given")
            let broken = try await client.get("/api/v1/projects/SHOP/cases?limit=%4")
            #expect(broken.0 == .badRequest && broken.1["parameter"]?.string == "limit")
            let unknown = try await client.get("/api/v1/projects/SHOP/cases?bogus=")
            #expect(unknown.0 == .badRequest && unknown.1["parameter"]?.string == "bogus")
        }
    }
}
