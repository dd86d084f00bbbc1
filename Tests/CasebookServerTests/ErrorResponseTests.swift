import CasebookTestSupport
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

    @Test func anUnknownRouteOrMethodIsAProblemToo() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            for (uri, method) in [("/api/v2/projects", HTTPRequest.Method.get), ("/api/v1/projects", .delete)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .notFound || response.status == .methodNotAllowed)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
                    let problem = try json(response)
                    #expect(problem["status"]?.int == Int(response.status.code))
                    #expect(problem["detail"]?.string?.contains("\(method.rawValue) \(uri)") == true)
                }
            }
        }
    }

    @Test func aRevisionWithoutACaseRepositoryIsA422() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write(["elsewhere.txt": "x\n"])
        try repo.fixture.git("checkout", "-q", "--orphan", "empty")
        try repo.fixture.git("rm", "-rq", "--cached", ".")
        try repo.fixture.git("add", "elsewhere.txt")
        try repo.fixture.git("-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-qm", "Unrelated history")
        try repo.fixture.git("checkout", "-q", "-f", "main")
        try await repo.test { client in
            try await client.execute(uri: "/api/v1/projects/SHOP/cases?ref=empty", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try json(response)
                #expect(problem["type"]?.string == "urn:casebook:problem:unreadable-revision")
                #expect(problem["ref"]?.string == "empty")
            }
        }
    }
}
