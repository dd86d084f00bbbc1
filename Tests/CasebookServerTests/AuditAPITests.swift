import CasebookTestSupport
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// `GET /api/v1/audit`: every write the database recorded, newest first, for admins.
@Suite struct AuditAPITests {
    @Test func adminsReadWhoWroteWhatNewestFirst() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let ada = try await client.login("ada")
            let run = try await RunsAPITests.createRun(client, tim)
            _ = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/comments", token: tim, json: #"{"body":"Flaky"}"#)
            _ = try await client.send(.post, "/api/v1/departments", token: ada, json: #"{"name":"QA"}"#)

            let (status, body, headers) = try await client.send(.get, "/api/v1/audit?limit=3", token: ada)
            #expect(status == .ok && headers[.eTag] != nil && body["nextCursor"]?.string != nil)
            let newest = body["entries"]?.array ?? []
            #expect(
                newest.map { "\($0["user"]?["username"]?.string ?? "-") \($0["action"]?.string ?? "") \($0["target"]?["kind"]?.string ?? "")" }
                    == ["ada create department", "tim create comment", "tim create run"])
            #expect(newest[2]["target"]?["id"]?.string == "\(run)" && newest[0]["at"]?.string?.hasSuffix("Z") == true)

            let byTim = try await client.send(.get, "/api/v1/audit?user=tim&action=create", token: ada).1
            #expect(byTim["entries"]?.array?.compactMap { $0["target"]?["kind"]?.string } == ["comment", "run"] && byTim["total"]?.int == 2)
            let ofRun = try await client.send(.get, "/api/v1/audit?target=run&targetId=\(run)", token: ada).1
            #expect(ofRun["total"]?.int == 1)
            let everything = try await PaginationAPITests.pageThrough(client, "/api/v1/audit", "entries", limit: 2, token: ada)
            #expect(everything.ids == everything.ids.sorted(by: >) && everything.ids.count == everything.total)

            let forbidden = try await client.send(.get, "/api/v1/audit", token: tim)
            #expect(forbidden.0 == .forbidden && forbidden.1["detail"]?.string == "the audit log is for admins; tim is tester")
            let unknown = try await client.send(.get, "/api/v1/audit?user=nobody", token: ada)
            #expect(unknown.0 == .notFound && unknown.1["detail"]?.string == "no user 'nobody'")
            #expect(try await client.send(.get, "/api/v1/audit?who=ada", token: ada).1["parameter"]?.string == "who")
            let action = try await client.send(.get, "/api/v1/audit?action=creat", token: ada)
            #expect(
                action.0 == .badRequest
                    && action.1["detail"]?.string
                        == "'creat' is not a valid action; action accepts: create, update, delete, record, close, reopen, grant, revoke, login, logout, loginFailed"
            )
            let target = try await client.send(.get, "/api/v1/audit?target=runs", token: ada)
            #expect(
                target.0 == .badRequest && target.1["parameter"]?.string == "target"
                    && target.1["detail"]?.string?.contains("run, execution, comment") == true)
        }
    }
}
