import CasebookStore
import CasebookTestSupport
import CasebookYAML
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct OpenAPIDocumentTests {
    static let documentPath = FixtureFiles.packageRoot() + "/schemas/openapi.yaml"

    /// Every (method, path) the document describes.
    static func documented() throws -> Set<String> {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: documentPath)))
        let document = JSONValue(yaml: try #require(try YAMLParser.parse(bytes)))
        guard case .object(let paths) = document["paths"] else { return [] }
        var routes: Set<String> = []
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                routes.insert(method.uppercased() + " " + path)
            }
        }
        return routes
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteIsARoute() async throws {
        let repo = try await ServedRepository()
        let database = try AppDatabase.open(path: repo.databasePath)
        let routes = Set(
            buildRouter(projects: try ProjectRegistry([]), database: database, options: repo.options).1.documented.map { $0.method + " " + $0.path })
        let documented = try Self.documented()
        #expect(routes.subtracting(documented).sorted() == [], "routes missing from schemas/openapi.yaml")
        #expect(documented.subtracting(routes).sorted() == [], "documented paths the server does not have")
        #expect(routes.count >= 50)
    }

    static func document() throws -> JSONValue {
        JSONValue(yaml: try #require(try YAMLParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: documentPath))))))
    }

    /// Every documented GET answers 200 for an admin, once a run, a comment and an attachment
    /// exist, with a body its documented schema holds.
    @Test func everyDocumentedReadAnswersAsDocumented() async throws {
        let repo = try await ServedRepository()
        let document = try Self.document()
        let validator = JSONSchemaValidator(schema: document)
        let documented = try Self.documented().filter { $0.hasPrefix("GET ") }
        try await repo.test { client in
            let token = try await client.login("ada")
            _ = try await client.send(.post, "/api/v1/departments", token: token, json: #"{"name":"QA"}"#)
            let run = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE"}"#).1["run"]?["id"]?.int
            let execution = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run ?? 0)/executions", token: token).1["executions"]?[0]?["id"]?
                .int
            let comment = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run ?? 0)/comments", token: token, json: #"{"body":"hi"}"#).1[
                "comment"]?["id"]?.int
            let attachment = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run ?? 0)/attachments?name=a.txt", token: token, json: "bytes",
                headers: [.contentType: "text/plain"]
            ).1["attachment"]?["id"]?.int
            for route in documented.sorted() {
                let path = String(route.dropFirst(4)).replacingOccurrences(of: "{key}", with: "SHOP")
                    .replacingOccurrences(of: "plans/{id}", with: "plans/PLAN-SMOKE").replacingOccurrences(of: "{id}", with: "SHOP-101")
                    .replacingOccurrences(of: "{path}", with: "checkout/payment").replacingOccurrences(of: "{run}", with: "\(run ?? 0)")
                    .replacingOccurrences(of: "{execution}", with: "\(execution ?? 0)").replacingOccurrences(of: "{comment}", with: "\(comment ?? 0)")
                    .replacingOccurrences(of: "{attachment}", with: "\(attachment ?? 0)").replacingOccurrences(of: "{username}", with: "ada")
                    .replacingOccurrences(of: "{name}", with: "QA").replacingOccurrences(of: "/diff", with: "/diff?base=\(repo.first)")
                let answer = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    ($0.status, String(buffer: $0.body))
                }
                #expect(answer.0 == .ok, "\(route) → \(answer.0)")
                let content = document["paths"]?[String(route.dropFirst(4))]?["get"]?["responses"]?["200"]?["content"]
                guard let schema = content?["application/json"]?["schema"] else {
                    #expect(content != nil, "\(route) documents no 200 body")
                    continue
                }
                let body = try JSONValue(parsing: answer.1)
                #expect(validator.isValid(body, against: schema), "\(route) answered what its schema does not allow: \(answer.1.prefix(600))")
            }
        }
    }

    /// No key of the document is a piece of a sentence: an unquoted description with a comma in
    /// a flow-style mapping (`{ description: A, b }`) splits into a stray key, which YAML takes
    /// and OpenAPI tools refuse or drop.
    @Test func noDescriptionIsSplitIntoAKey() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.documentPath)))
        let document = JSONValue(yaml: try #require(try YAMLParser.parse(bytes)))
        var stray: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key.contains(" "), path != "/paths" { stray.append("\(path): '\(key)'") }
                    walk(member, path + "/" + key)
                }
            case .array(let items):
                for item in items { walk(item, path) }
            default:
                break
            }
        }
        walk(document, "")
        #expect(stray == [])
    }

    /// The document is valid OpenAPI 3.1, as openapi-spec-validator (from PyPI, installed by
    /// `make deps` into .build-py) reads it.
    @Test func theDocumentPassesOpenAPISpecValidator() throws {
        let tool = FixtureFiles.packageRoot() + "/.build-py/bin/openapi-spec-validator"
        try #require(FileManager.default.isExecutableFile(atPath: tool), "no \(tool): run make deps")
        let (status, text) = try runProgram(tool, [Self.documentPath])
        #expect(status == 0 && text.contains(": OK"), "\(text)")
    }

    @Test func theServerServesTheDocument() async throws {
        let repo = try await ServedRepository()
        let expected = try String(contentsOfFile: Self.documentPath, encoding: .utf8)
        try await repo.test { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(String(buffer: response.body) == expected)
            }
        }
    }
}

@Suite struct MetricsTests {
    @Test func countsRequestsByRouteAndReportsTheSnapshot() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            _ = try await client.get("/api/v1/projects/SHOP/cases/SHOP-101")
            _ = try await client.get("/api/v1/projects/SHOP/cases/SHOP-102")
            _ = try await client.get("/api/v1/projects/SHOP/cases/NOPE-1")
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"casebook_http_requests_total{route="/api/v1/projects/{key}/cases/{id}",method="GET",status="200"} 2"#))
                #expect(text.contains(#"casebook_http_requests_total{route="/api/v1/projects/{key}/cases/{id}",method="GET",status="404"} 1"#))
                #expect(text.contains(#"casebook_http_request_duration_seconds_count{route="/api/v1/projects/{key}/cases/{id}",method="GET"} 3"#))
                #expect(text.contains(#"casebook_cases_indexed{project="SHOP"} 70"#))
                #expect(text.contains(#"casebook_snapshot_build_seconds{project="SHOP"} "#))
            }
        }
    }
}
