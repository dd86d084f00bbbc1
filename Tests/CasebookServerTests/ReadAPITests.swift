import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct ReadAPITests {
    @Test func listsTheProjectsWithTheCommitTheyAreServedFrom() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (status, body, headers) = try await client.get("/api/v1/projects")
            #expect(status == .ok)
            #expect(headers[.contentType] == "application/json")
            #expect(headers[HTTPField.Name("X-Request-Id")!] != nil)
            let project = try #require(body["projects"]?[0])
            #expect(project["key"]?.string == "SHOP")
            #expect(project["commit"]?["id"]?.string == repo.first)
            #expect(project["commit"]?["author"]?.string == "Ada Tester")
            #expect(project["counts"]?["cases"]?.int == 70)
            #expect(project["followed"]?.string == "main")
        }
    }

    @Test func showsAProjectWithDevicesAndFields() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (status, body, _) = try await client.get("/api/v1/projects/SHOP")
            #expect(status == .ok)
            #expect(body["commit"]?["id"]?.string == repo.first)
            #expect(body["project"]?["devices"]?.array?.count == 5)
            #expect(body["project"]?["fields"]?.array?.count == 3)
            #expect(body["project"]?["priorities"]?.array?.compactMap(\.string) == ["critical", "high", "medium", "low"])
        }
    }

    @Test func showsACaseWithSharedStepsExpandedAndMarked() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (listStatus, list, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=500")
            #expect(listStatus == .ok)
            // A case whose steps use a shared-step block.
            var found = false
            for summary in list["cases"]?.array ?? [] {
                let id = try #require(summary["id"]?.string)
                let (status, body, _) = try await client.get("/api/v1/projects/SHOP/cases/\(id)")
                #expect(status == .ok)
                let steps = body["case"]?["steps"]?.array ?? []
                #expect(steps.enumerated().allSatisfy { $0.element["number"]?.int == $0.offset + 1 })
                if steps.contains(where: { $0["sharedStep"] != nil }) {
                    found = true
                    #expect(body["case"]?["blobId"]?.string?.count == 40)
                    #expect(body["case"]?["path"]?.string?.hasPrefix("cases/") == true)
                    break
                }
            }
            #expect(found)
        }
    }

    @Test func groupsPlansStatsAndFindings() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, groups, _) = try await client.get("/api/v1/projects/SHOP/groups")
            let top = groups["groups"]?.array ?? []
            #expect(top.compactMap { $0["caseCount"]?.int }.reduce(0, +) == 70)
            let (groupStatus, checkout, _) = try await client.get("/api/v1/projects/SHOP/groups/checkout")
            #expect(groupStatus == .ok)
            #expect(checkout["group"]?["id"]?.string == "checkout")
            let nested = try #require(checkout["group"]?["groups"]?[0]?["id"]?.string)
            let (nestedStatus, inner, _) = try await client.get("/api/v1/projects/SHOP/groups/\(nested)")
            #expect(nestedStatus == .ok)
            #expect(inner["group"]?["parent"]?.string == "checkout")

            let (_, plans, _) = try await client.get("/api/v1/projects/SHOP/plans")
            #expect(plans["plans"]?.array?.compactMap { $0["id"]?.string }.sorted() == ["PLAN-MOBILE", "PLAN-R24", "PLAN-SMOKE"])
            let (planStatus, plan, _) = try await client.get("/api/v1/projects/SHOP/plans/PLAN-R24")
            #expect(planStatus == .ok)
            let executions = try #require(plan["plan"]?["executions"]?.int)
            #expect(plan["plan"]?["matrix"]?.array?.count == executions)
            #expect(plan["plan"]?["executionsByDevice"]?["chrome-desktop"]?.int == executions / 2)

            let (_, stats, _) = try await client.get("/api/v1/projects/SHOP/stats")
            #expect(stats["cases"]?.int == 70)
            if case .object(let byPriority) = stats["byPriority"] {
                #expect(byPriority.values.compactMap(\.int).reduce(0, +) == 70)
            } else {
                Issue.record("byPriority is not an object")
            }
            let (_, findings, _) = try await client.get("/api/v1/projects/SHOP/findings")
            #expect(findings["errors"]?.int == 0)
            #expect(findings["findings"]?.array == [])
        }
    }

    @Test func anUnchangedAnswerIs304ByETag() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, _, headers) = try await client.get("/api/v1/projects/SHOP/cases?tag=smoke")
            let etag = try #require(headers[.eTag])
            let (status, _, again) = try await client.get("/api/v1/projects/SHOP/cases?tag=smoke", headers: [.ifNoneMatch: etag])
            #expect(status == .notModified)
            #expect(again[.eTag] == etag)
            let (weak, _, _) = try await client.get("/api/v1/projects/SHOP/cases?tag=smoke", headers: [.ifNoneMatch: "\"x\", W/\(etag)"])
            #expect(weak == .notModified)
            let (other, _, otherHeaders) = try await client.get("/api/v1/projects/SHOP/cases?tag=web", headers: [.ifNoneMatch: etag])
            #expect(other == .ok)
            #expect(otherHeaders[.eTag] != etag)
            for path in ["/api/v1/projects", "/api/v1/projects/SHOP/cases/SHOP-101/history", "/api/v1/projects/SHOP/stats"] {
                let (_, _, first) = try await client.get(path)
                let (status, _, _) = try await client.get(path, headers: [.ifNoneMatch: try #require(first[.eTag])])
                #expect(status == .notModified, "\(path)")
            }
        }
    }

    /// A monitor's or a cache's HEAD gets the GET's status and headers without the body, errors included.
    @Test func everyReadAnswersHEAD() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, _, get) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-101")
            try await client.execute(uri: "/api/v1/projects/SHOP/cases/SHOP-101", method: .head) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == get[.eTag] && response.headers[.contentType] == "application/json")
            }
            let etag = try #require(get[.eTag])
            try await client.execute(uri: "/api/v1/projects/SHOP/cases/SHOP-101", method: .head, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/api/v1/projects/SHOP/cases/SHOP-999", method: .head) { response in
                #expect(response.status == .notFound && response.body.readableBytes == 0)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            for uri in ["/health/live", "/health/ready", "/api/v1/projects/SHOP/plans/PLAN-SMOKE"] {
                try await client.execute(uri: uri, method: .head) { response in
                    #expect(response.status == .ok && response.body.readableBytes == 0, "\(uri)")
                }
            }
        }
    }
}
