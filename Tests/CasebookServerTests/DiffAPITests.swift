import CasebookTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct DiffAPITests {
    @Test func servesTheDiffBetweenTwoRevisionsWithAnETag() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write([
            "shop/cases/account/sign-in/password-sign-in.yaml": try String(
                contentsOfFile: repo.casesPath + "/cases/account/sign-in/password-sign-in.yaml", encoding: .utf8
            ).replacingOccurrences(of: "priority: critical", with: "priority: high")
        ])
        let second = try repo.fixture.commit("Lower the sign-in priority")
        try await repo.test { client in
            let (status, body, headers) = try await client.get("/api/v1/projects/SHOP/diff?base=\(repo.first)&head=\(second)")
            #expect(status == .ok)
            #expect(body["base"]?["commit"]?["id"]?.string == repo.first)
            #expect(body["head"]?["commit"]?["id"]?.string == second)
            #expect(body["summary"]?["cases"]?["modified"]?.int == 1)
            #expect(body["cases"]?[0]?["id"]?.string == "SHOP-101")
            #expect(body["cases"]?[0]?["fields"]?[0]?["field"]?.string == "priority")
            #expect(body["cases"]?[0]?["fields"]?[0]?["new"]?.string == "high")
            let etag = try #require(headers[.eTag])
            let (again, _, _) = try await client.get("/api/v1/projects/SHOP/diff?base=\(repo.first)&head=\(second)", headers: [.ifNoneMatch: etag])
            #expect(again == .notModified)
            // Without head: the followed branch, which the server read at the second commit.
            let (_, followed, _) = try await client.get("/api/v1/projects/SHOP/diff?base=\(repo.first)")
            #expect(followed["head"]?["commit"]?["id"]?.string == second)
            let (_, none, _) = try await client.get("/api/v1/projects/SHOP/diff?base=\(second)")
            #expect(none["cases"]?.array?.isEmpty == true)
        }
    }

    @Test(arguments: [
        ("/api/v1/projects/SHOP/diff", HTTPResponse.Status.badRequest, "base"),
        ("/api/v1/projects/SHOP/diff?base=no-such-branch", .notFound, "no-such-branch"),
        ("/api/v1/projects/SHOP/diff?base=main&head=nope", .notFound, "nope"),
        ("/api/v1/projects/SHOP/diff?base=main&colour=red", .badRequest, "colour"),
        ("/api/v1/projects/NOPE/diff?base=main", .notFound, "NOPE"),
    ])
    func badRequestsAreProblems(uri: String, status: HTTPResponse.Status, named: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (answer, body, headers) = try await client.get(uri)
            #expect(answer == status)
            #expect(headers[.contentType] == "application/problem+json")
            #expect(body["detail"]?.string?.contains(named) == true, "\(body)")
        }
    }
}
