import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Reads of the sidecar database carry an `ETag` of their answer: a dashboard polling a run's
/// progress or a list gets 304 until something in it changes.
@Suite struct ConditionalReadTests {
    @Test func aRunsProgressIs304UntilAResultChangesIt() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, tim)
            let path = "/api/v1/projects/SHOP/runs/\(run)"
            let (status, _, headers) = try await client.send(.get, path, token: tim)
            let tag = try #require(headers[.eTag])
            #expect(status == .ok && headers[.cacheControl] == "private, no-cache")
            let (again, _, againHeaders) = try await client.send(.get, path, token: tim, headers: [.ifNoneMatch: tag])
            #expect(again == .notModified && againHeaders[.eTag] == tag)
            let execution = try await client.send(.get, path + "/executions?limit=1", token: tim).1["executions"]?[0]?["id"]?.int ?? 0
            #expect(try await client.send(.put, path + "/executions/\(execution)", token: tim, json: #"{"status":"failed"}"#).0 == .ok)
            let (changed, body, changedHeaders) = try await client.send(.get, path, token: tim, headers: [.ifNoneMatch: tag])
            #expect(changed == .ok && changedHeaders[.eTag] != tag && body["progress"]?["statuses"]?["failed"]?.int == 1)
        }
    }

    @Test(arguments: [
        "/api/v1/projects/SHOP/runs", "/api/v1/projects/SHOP/runs/1/executions", "/api/v1/projects/SHOP/cases/SHOP-101/executions",
        "/api/v1/projects/SHOP/runs/1/comments", "/api/v1/projects/SHOP/runs/1/attachments", "/api/v1/auth/me", "/api/v1/tokens",
        "/api/v1/users", "/api/v1/users/ada", "/api/v1/departments",
    ])
    func everyReadOfTheDatabaseAnswers304WhenUnchanged(path: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let ada = try await client.login("ada")
            _ = try await RunsAPITests.createRun(client, ada)
            let (status, _, headers) = try await client.send(.get, path, token: ada)
            let tag = try #require(headers[.eTag])
            #expect(status == .ok)
            #expect(try await client.send(.get, path, token: ada, headers: [.ifNoneMatch: "\"other\", \(tag)"]).0 == .notModified)
        }
    }

    @Test func aListsTagChangesWithItsRows() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let path = "/api/v1/projects/SHOP/cases/SHOP-101/comments"
            let tag = try #require(try await client.send(.get, path, token: tim).2[.eTag])
            #expect(try await client.send(.post, path, token: tim, json: #"{"body":"Seen on Safari"}"#).0 == .created)
            let (status, body, _) = try await client.send(.get, path, token: tim, headers: [.ifNoneMatch: tag])
            #expect(status == .ok && body["total"]?.int == 1)
        }
    }
}
