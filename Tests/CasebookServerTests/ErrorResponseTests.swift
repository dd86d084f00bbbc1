import CasebookTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct ErrorResponseTests {
    @Test(arguments: [
        ("/api/v1/projects/NOPE", "project", "NOPE"),
        ("/api/v1/projects/NOPE/cases", "project", "NOPE"),
        ("/api/v1/projects/SHOP/cases/SHOP-9999", "case", "SHOP-9999"),
        ("/api/v1/projects/SHOP/cases/SHOP-9999/history", "case", "SHOP-9999"),
        ("/api/v1/projects/SHOP/plans/PLAN-NONE", "plan", "PLAN-NONE"),
        ("/api/v1/projects/SHOP/groups/checkout/nowhere", "group", "checkout/nowhere"),
        ("/api/v1/projects/SHOP/cases?ref=no-such-branch", "ref", "no-such-branch"),
        ("/api/v1/projects/SHOP/stats?ref=0123456789abcdef", "ref", "0123456789abcdef"),
    ])
    func somethingThatDoesNotExistIsA404NamingIt(uri: String, what: String, name: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try json(response)
                #expect(problem["type"]?.string == "urn:casebook:problem:not-found")
                #expect(problem[what]?.string == name)
                #expect(problem["detail"]?.string == "no \(what) '\(name)'")
                #expect(problem["instance"]?.string == String(uri.prefix { $0 != "?" }))
            }
        }
    }

    @Test(arguments: [
        ("/api/v2/projects", HTTPRequest.Method.get), ("/api/v1/projects/SHOP/cases/SHOP-101/nothing", .post),
        ("/api/v1/projects/SHOP/groupings", .get),
    ])
    func anUnknownRouteIsA404Problem(uri: String, method: HTTPRequest.Method) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try await client.execute(uri: uri, method: method) { response in
                #expect(response.status == .notFound && response.headers[.allow] == nil)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
                let problem = try json(response)
                #expect(problem["status"]?.int == 404 && problem["type"]?.string == "urn:casebook:problem:not-found")
                #expect(problem["detail"]?.string == "no route \(method.rawValue) \(uri)")
            }
        }
    }

    /// A method that no route of the path takes is a 405 whose `Allow` lists those that do.
    @Test(arguments: [
        ("/api/v1/projects", HTTPRequest.Method.delete, "GET, HEAD"),
        ("/api/v1/projects/SHOP/cases/SHOP-101", .put, "GET, HEAD"),
        ("/api/v1/projects/SHOP/runs", .patch, "GET, HEAD, POST"),
        ("/api/v1/projects/SHOP/comments/7", .get, "PATCH, DELETE"),
        ("/api/v1/projects/SHOP/groups/checkout/payment", .post, "GET, HEAD"),
        ("/health/live", .post, "GET, HEAD"),
    ])
    func aMethodThePathDoesNotTakeIsA405(uri: String, method: HTTPRequest.Method, allowed: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try await client.execute(uri: uri, method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == allowed && response.headers[.contentType] == "application/problem+json")
                let problem = try json(response)
                #expect(problem["type"]?.string == "urn:casebook:problem:method-not-allowed" && problem["method"]?.string == method.rawValue)
                #expect(problem["detail"]?.string == "\(uri) does not take \(method.rawValue); it takes \(allowed)")
            }
        }
    }

    @Test func aRevisionWithoutACaseRepositoryIsA422() async throws {
        let repo = try await ServedRepository()
        try repo.commitUnrelatedBranch("empty")
        try await repo.test { client in
            try await client.execute(uri: "/api/v1/projects/SHOP/cases?ref=empty", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try json(response)
                #expect(problem["type"]?.string == "urn:casebook:problem:unreadable-revision")
                #expect(problem["ref"]?.string == "empty")
            }
        }
    }

    /// A git read that fails in a request (history, diff) is a 503 that says why, not a bare 500.
    @Test func anUnreadableRepositoryIsA503WithTheReason() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write(["shop/cases/checkout/gift.yaml": "id: SHOP-900\ntitle: Gift\nsteps: [{ action: A }]\n"])
        let second = try repo.fixture.commit("A second commit")
        try await repo.test { client in
            try FileManager.default.removeItem(atPath: repo.fixture.path + "/.git/objects")
            try FileManager.default.createDirectory(atPath: repo.fixture.path + "/.git/objects", withIntermediateDirectories: false)
            let (status, problem, headers) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-101/history")
            #expect(status == .serviceUnavailable && problem["type"]?.string == "urn:casebook:problem:repository-unavailable", "\(status) \(problem)")
            #expect(
                problem["detail"]?.string?.hasPrefix("the case repository cannot be read: git walk the history") == true
                    && headers[.retryAfter] == "60")
            // Its commits cannot be found any more: a 404 that names the revision, not a 500.
            let diff = try await client.get("/api/v1/projects/SHOP/diff?base=\(repo.first)&head=\(second)")
            #expect(diff.0 == .notFound && diff.1["ref"]?.string == repo.first)
            #expect(try await client.get("/api/v1/projects/SHOP/cases/SHOP-101").0 == .ok, "the served snapshot is in memory")
        }
    }
}
