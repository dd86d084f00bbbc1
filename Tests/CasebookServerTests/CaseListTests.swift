import CasebookCore
import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct CaseListTests {
    /// The sample repository's cases, read from disk: what the filters are checked against.
    static let cases = (try? Snapshot.load(from: WorkingTree(root: FixtureFiles.packageRoot() + "/sample-repo")).cases).map(Array.init) ?? []

    static func ids(_ body: JSONValue) -> [String] {
        body["cases"]?.array?.compactMap { $0["id"]?.string } ?? []
    }

    /// Sorted as the API sorts by id: numbers compare as numbers.
    static func byID(_ cases: [TestCase]) -> [String] {
        cases.map(\.id).sorted { Int($0.split(separator: "-").last ?? "") ?? 0 < Int($1.split(separator: "-").last ?? "") ?? 0 }
    }

    @Test func everyFilterSelectsWhatItSays() async throws {
        let filters: [(String, @Sendable (TestCase) -> Bool)] = [
            ("tag=checkout", { $0.tags.contains("checkout") }),
            ("tag=checkout&tag=smoke", { $0.tags.contains("checkout") && $0.tags.contains("smoke") }),
            ("priority=critical", { $0.priority == "critical" }),
            ("priority=critical&priority=low", { ["critical", "low"].contains($0.priority) }),
            ("type=smoke", { $0.type == "smoke" }),
            ("automation=manual", { $0.automation.status == .manual }),
            ("owner=carol", { $0.owner == "carol" }),
            ("group=checkout", { $0.group == "checkout" || $0.group.hasPrefix("checkout/") }),
            ("requirement=REQ-200", { $0.requirements.contains("REQ-200") }),
            ("field.component=web", { $0.fields["component"] == .text("web") }),
            ("field%5Bcomponent%5D=android", { $0.fields["component"] == .text("android") }),
            (
                "q=PASSWORD",
                {
                    $0.title.lowercased().contains("password") || ($0.preconditions ?? "").lowercased().contains("password")
                        || $0.steps.contains { step in
                            if case .action(let action, let expected) = step.kind {
                                return (action + " " + expected).lowercased().contains("password")
                            }
                            return false
                        }
                }
            ),
            (
                "tag=regression&priority=high&automation=automated",
                { $0.tags.contains("regression") && $0.priority == "high" && $0.automation.status == .automated }
            ),
        ]
        let repo = try await ServedRepository()
        try await repo.test { client in
            for (query, predicate) in filters {
                let expected = Self.byID(Self.cases.filter(predicate))
                let (status, body, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=500&\(query)")
                #expect(status == .ok, "\(query)")
                #expect(!expected.isEmpty, "\(query) selects nothing in the sample repository")
                #expect(Self.ids(body) == expected, "\(query)")
                #expect(body["total"]?.int == expected.count, "\(query)")
            }
        }
    }

    @Test(arguments: ["id", "-id", "priority", "-priority", "title", "owner", "path", "type", "automation"])
    func pagesByCursorToTheEndWithoutGapsOrRepeats(sort: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, all, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=500&sort=\(sort)")
            let everything = Self.ids(all)
            #expect(everything.count == 70)
            var paged: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/projects/SHOP/cases?limit=8&sort=\(sort)" + (cursor.map { "&cursor=\($0)" } ?? "")
                let (status, page, _) = try await client.get(uri)
                #expect(status == .ok)
                #expect(page["total"]?.int == 70)
                paged += Self.ids(page)
                cursor = page["nextCursor"]?.string
                pages += 1
            } while cursor != nil && pages < 20
            #expect(pages == 9)
            #expect(paged == everything)
        }
    }

    @Test func sortsByPriorityInTheProjectsOrderAndIdsByNumber() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, body, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=500&sort=priority")
            let priorities = body["cases"]?.array?.compactMap { $0["priority"]?.string } ?? []
            let ranks = priorities.map { ["critical", "high", "medium", "low"].firstIndex(of: $0) ?? 9 }
            #expect(ranks == ranks.sorted())
            let (_, byID, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=500")
            #expect(Self.ids(byID) == Self.byID(Self.cases))
        }
    }

    @Test(arguments: [
        ("priority=hgh", "priority", "critical, high, medium, low"),
        ("type=unit", "type", "functional"),
        ("automation=yes", "automation", "automated, manual, planned"),
        ("limit=0", "limit", "from 1 to 500"),
        ("limit=501", "limit", "from 1 to 500"),
        ("limit=ten", "limit", "whole number"),
        ("sort=colour", "sort", "id, title, priority"),
        ("cursor=%%%", "cursor", "percent-encoded"), ("cursor=-3", "cursor", "nextCursor"),
        ("group=nowhere", "group", "group id"),
        ("field.colour=red", "field.colour", "field.component"),
        ("field.component=desktop", "field.component", "web, api, android, ios"),
        ("priorty=high", "priorty", "this route takes"),
    ])
    func aBadParameterIsA400NamingIt(query: String, parameter: String, accepts: String) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try await client.execute(uri: "/api/v1/projects/SHOP/cases?\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try json(response)
                #expect(problem["type"]?.string == "urn:casebook:problem:bad-parameter")
                #expect(problem["status"]?.int == 400)
                #expect(problem["parameter"]?.string == parameter)
                #expect(problem["detail"]?.string?.contains(accepts) == true, "\(problem["detail"]?.string ?? "")")
            }
        }
    }
}
