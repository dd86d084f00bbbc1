import CasebookTestSupport
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Every list of the sidecar database pages with `limit` and `cursor`: followed to the end, it
/// gives every row once, and a bad `limit` or `cursor` is a 400 that names it.
@Suite struct PaginationAPITests {
    /// The ids of every page of `path` (a list under `key`), `limit` at a time, following `nextCursor`.
    static func pageThrough(
        _ client: some TestClientProtocol, _ path: String, _ key: String, limit: Int, token: String, id: (JSONValue) -> Int? = { $0["id"]?.int }
    ) async throws -> (ids: [Int], pages: Int, total: Int?) {
        var ids: [Int] = []
        var pages = 0
        var cursor: String?
        var total: Int?
        repeat {
            let separator = path.contains("?") ? "&" : "?"
            let (status, body, _) = try await client.send(
                .get, path + "\(separator)limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
            #expect(status == .ok, "\(path)")
            let rows = body[key]?.array ?? []
            #expect(rows.count <= limit)
            ids += rows.compactMap(id)
            total = body["total"]?.int
            cursor = body["nextCursor"]?.string
            #expect(cursor != nil || body["nextCursor"] == .null)
            pages += 1
        } while cursor != nil && pages < 100
        return (ids, pages, total)
    }

    @Test func aRunsExecutionsPageToTheEnd() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, tim)
            let path = "/api/v1/projects/SHOP/runs/\(run)/executions"
            let whole = try await client.send(.get, path + "?limit=500", token: tim).1
            let all = whole["executions"]?.array?.compactMap { $0["id"]?.int } ?? []
            #expect(all.count == whole["total"]?.int && all.count > 30 && whole["nextCursor"] == .null)
            #expect(
                try await client.send(.get, path, token: tim).1["executions"]?.array?.count == all.count, "the default page holds a plan of this size"
            )
            for limit in [1, 10, all.count] {
                let paged = try await Self.pageThrough(client, path, "executions", limit: limit, token: tim)
                #expect(paged.ids == all && paged.total == all.count && paged.pages == (all.count + limit - 1) / limit)
            }
            let untested = try await Self.pageThrough(client, path + "?status=untested", "executions", limit: 7, token: tim)
            #expect(untested.ids == all && untested.total == all.count)
            #expect(try await client.send(.get, path + "?status=passed", token: tim).1["total"]?.int == 0)
        }
    }

    @Test func commentsAttachmentsAndACasesResultsPageToTheEnd() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            var comments: [Int] = []
            var attachments: [Int] = []
            for number in 1...5 {
                let comment = try await client.send(
                    .post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: #"{"body":"Note \#(number)"}"#)
                comments.append(try #require(comment.1["comment"]?["id"]?.int))
                let file = try await client.send(
                    .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=log-\(number).txt", token: tim, json: "log \(number)",
                    headers: [.contentType: "text/plain"])
                attachments.append(try #require(file.1["attachment"]?["id"]?.int))
            }
            let pagedComments = try await Self.pageThrough(client, "/api/v1/projects/SHOP/cases/SHOP-101/comments", "comments", limit: 2, token: tim)
            #expect(pagedComments.ids == comments && pagedComments.total == 5 && pagedComments.pages == 3)
            let pagedFiles = try await Self.pageThrough(
                client, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", "attachments", limit: 5, token: tim)
            #expect(pagedFiles.ids == attachments && pagedFiles.total == 5 && pagedFiles.pages == 1)

            var recorded: [Int] = []
            for _ in 1...3 {
                let run = try await RunsAPITests.createRun(client, tim)
                let execution = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?limit=500", token: tim).1["executions"]?
                    .array?
                    .first { $0["case"]?.string == "SHOP-101" }?["id"]?.int
                let id = try #require(execution)
                #expect(
                    try await client.send(.put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(id)", token: tim, json: #"{"status":"passed"}"#).0
                        == .ok)
                recorded.append(id)
            }
            let history = try await Self.pageThrough(
                client, "/api/v1/projects/SHOP/cases/SHOP-101/executions", "executions", limit: 2, token: tim, id: { $0["execution"]?["id"]?.int })
            #expect(history.ids == recorded.reversed() && history.total == 3 && history.pages == 2)
        }
    }

    @Test(arguments: ["runs", "runs/1/executions", "runs/1/comments", "runs/1/attachments", "cases/SHOP-101/executions"])
    func aBadLimitOrCursorIsNamed(list: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            _ = try await RunsAPITests.createRun(client, tim)
            for (query, parameter) in [
                ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("cursor=abc", "cursor"), ("cursor=-4", "cursor"),
            ] {
                let (status, body, _) = try await client.send(.get, "/api/v1/projects/SHOP/\(list)?\(query)", token: tim)
                #expect(status == .badRequest && body["parameter"]?.string == parameter, "\(list)?\(query)")
                #expect(body["type"]?.string == "urn:casebook:problem:bad-parameter")
            }
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/\(list)?page=2", token: tim).1["parameter"]?.string == "page")
        }
    }
}
