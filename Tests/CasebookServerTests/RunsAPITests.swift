import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct RunsAPITests {
    /// Creates a run of `plan` as `token` and answers its id.
    static func createRun(_ client: some TestClientProtocol, _ token: String, plan: String = "PLAN-SMOKE", build: String = "2.4.0") async throws
        -> Int
    {
        let (status, body, _) = try await client.send(
            .post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"\#(plan)","build":"\#(build)"}"#)
        #expect(status == .created)
        return try #require(body["run"]?["id"]?.int)
    }

    @Test func aRunHoldsThePlansMatrixUntested() async throws {
        let repo = try await ServedRepository()
        let snapshot = try Snapshot.load(from: WorkingTree(root: repo.casesPath))
        let matrix = try #require(snapshot.resolvedPlans["PLAN-SMOKE"]).entries
        try await repo.test { client in
            let token = try await client.login("tim")
            let (status, body, _) = try await client.send(
                .post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE","build":"2.4.0"}"#)
            #expect(status == .created)
            #expect(body["run"]?["total"]?.int == matrix.count && body["run"]?["commit"]?.string == repo.first)
            #expect(body["run"]?["title"]?.string == "Smoke test of every build" && body["run"]?["state"]?.string == "open")
            let id = try #require(body["run"]?["id"]?.int)
            let executions = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(id)/executions", token: token).1["executions"]?.array ?? []
            #expect(
                executions.map { "\($0["case"]?.string ?? "")@\($0["device"]?.string ?? "")" } == matrix.map { "\($0.caseID)@\($0.device ?? "")" })
            #expect(executions.allSatisfy { $0["caseVersion"]?.string == snapshot.testCase($0["case"]?.string ?? "").map(snapshot.version(of:)) })
            let progress = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(id)", token: token).1["progress"]
            #expect(progress?["total"]?.int == matrix.count && progress?["statuses"]?["untested"]?.int == matrix.count)
            #expect(progress?["passRate"] == .null && progress?["devices"]?["pixel-8"]?["untested"]?.int == matrix.count / 3)
            let unknown = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-NOPE"}"#)
            #expect(unknown.0 == .unprocessableContent && unknown.1["detail"]?.string?.hasPrefix("no plan 'PLAN-NOPE'") == true)
        }
    }

    @Test func resultsOneAndManyAndProgress() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await Self.createRun(client, token)
            let executions = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1["executions"]?.array ?? []
            let first = try #require(executions.first)
            let one = try await client.send(
                .put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(first["id"]?.int ?? 0)", token: token,
                json: #"{"status":"failed","notes":"500 on submit","defects":["BUG-7"],"duration":12.5,"startedAt":"2026-11-21T09:30:00Z"}"#)
            #expect(one.0 == .ok && one.1["execution"]?["status"]?.string == "failed" && one.1["execution"]?["defects"]?[0]?.string == "BUG-7")
            #expect(one.1["execution"]?["startedAt"]?.string == "2026-11-21T09:30:00Z" && one.1["execution"]?["duration"]?.number == 12.5)
            #expect(
                one.1["execution"]?["executedBy"] == .object(["username": .string("tim"), "displayName": .string("tim")]),
                "one user object everywhere")
            let shown = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1
            #expect(shown["run"]?["createdBy"] == one.1["execution"]?["executedBy"])
            let badStatus = try await client.send(
                .put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(first["id"]?.int ?? 0)", token: token, json: #"{"status":"green"}"#)
            #expect(badStatus.0 == .unprocessableContent)
            #expect(badStatus.1["detail"]?.string == "unknown status 'green'; statuses are: untested, passed, failed, blocked, skipped, retest")
            let badDate = try await client.send(
                .put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(first["id"]?.int ?? 0)", token: token,
                json: #"{"status":"passed","startedAt":"yesterday"}"#)
            #expect(badDate.0 == .badRequest && badDate.1["detail"]?.string?.hasPrefix("startedAt: 'yesterday' is not an ISO 8601 date-time") == true)
            #expect(
                try await client.send(.put, "/api/v1/projects/SHOP/runs/\(run)/executions/999999", token: token, json: #"{"status":"passed"}"#).0
                    == .notFound)

            let rest = executions.dropFirst().map {
                #"{"case":"\#($0["case"]?.string ?? "")","device":"\#($0["device"]?.string ?? "")","status":"passed"}"#
            }
            let unknownDevice = #"{"case":"\#(first["case"]?.string ?? "")","device":"nokia-3310","status":"passed"}"#
            let refused = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token,
                json: #"{"results":[\#((rest + [unknownDevice]).joined(separator: ","))]}"#)
            #expect(refused.0 == .unprocessableContent && refused.1["detail"]?.string?.contains("not on 'nokia-3310'") == true)
            var progress = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1["progress"]
            #expect(progress?["statuses"]?["passed"]?.int == 0, "a refused bulk records nothing")
            let badIndex = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token,
                json: #"{"results":[\#(rest[0]),{"case":"SHOP-101","status":"meh"}]}"#)
            #expect(badIndex.0 == .unprocessableContent && badIndex.1["field"]?.string == "results[1].status")
            let truncated = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(rest[0]),"#)
            #expect(
                truncated.0 == .badRequest
                    && truncated.1["detail"]?.string?.hasPrefix("the body is not JSON: the body ends too early at line 1, column ") == true)
            let missingCase = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(rest[0]),{"status":"passed"}]}"#)
            #expect(missingCase.0 == .badRequest && missingCase.1["detail"]?.string == "results[1].case is missing")
            let xml = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: "{}", headers: [.contentType: "application/xml"])
            #expect(xml.0 == .unsupportedMediaType)

            let recorded = try await client.send(
                .post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(rest.joined(separator: ","))]}"#)
            #expect(recorded.0 == .ok && recorded.1["recorded"]?.int == rest.count)
            progress = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1["progress"]
            #expect(
                progress?["statuses"]?["passed"]?.int == rest.count && progress?["statuses"]?["failed"]?.int == 1
                    && progress?["statuses"]?["untested"]?.int == 0)
            #expect(progress?["passRate"]?.number == Double(rest.count) / Double(executions.count))
            #expect(progress?["outdated"]?.array?.isEmpty == true)
            let history = try await client.send(.get, "/api/v1/projects/SHOP/cases/\(first["case"]?.string ?? "")/executions", token: token).1
            #expect(
                history["executions"]?.array?.contains { $0["execution"]?["status"]?.string == "failed" && $0["outdated"]?.bool == false } == true)
        }
    }

    @Test func closedRunsTakeNoResults() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await Self.createRun(client, token)
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/close", token: token).1["run"]?["state"]?.string == "closed")
            let result = #"{"results":[{"case":"SHOP-101","device":"pixel-8","status":"passed"}]}"#
            let refused = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: result)
            #expect(refused.0 == .conflict && refused.1["detail"]?.string == "run \(run) is closed; reopen it to record results")
            let listed = try await client.send(.get, "/api/v1/projects/SHOP/runs?state=closed", token: token).1
            #expect(listed["total"]?.int == 1)
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/reopen", token: token).1["run"]?["state"]?.string == "open")
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/runs?state=shut", token: token).0 == .badRequest)
        }
    }

    @Test func runListsPageNewestFirst() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            var ids: [Int] = []
            for build in ["1", "2", "3"] { ids.append(try await Self.createRun(client, token, build: build)) }
            ids.append(try await Self.createRun(client, token, plan: "PLAN-R24", build: "3"))
            let page = try await client.send(.get, "/api/v1/projects/SHOP/runs?limit=2", token: token).1
            #expect(page["total"]?.int == 4 && page["runs"]?.array?.compactMap { $0["id"]?.int } == [ids[3], ids[2]])
            let next = try await client.send(.get, "/api/v1/projects/SHOP/runs?limit=2&cursor=\(page["nextCursor"]?.string ?? "")", token: token).1
            #expect(next["runs"]?.array?.compactMap { $0["id"]?.int } == [ids[1], ids[0]])
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/runs?plan=PLAN-R24", token: token).1["total"]?.int == 1)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/runs?build=3", token: token).1["total"]?.int == 2)
        }
    }

    /// A result is outdated once what the tester executed changes in git: the case's steps, here
    /// through the shared-step block it uses, not a comment, re-indentation or new link.
    @Test func resultsBecomeOutdatedWhenWhatWasExecutedChanges() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await Self.createRun(client, token)
            let caseID = "SHOP-129"
            let executions =
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?case=\(caseID)", token: token).1["executions"]?.array ?? []
            let target = try #require(executions.first)
            _ = try await client.send(
                .put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(target["id"]?.int ?? 0)", token: token, json: #"{"status":"passed"}"#)

            let path = "shop/cases/cart/add-to-cart.yaml", block = "shop/shared-steps/cart-with-item.yaml"
            let original = try String(contentsOfFile: repo.fixture.path + "/" + path, encoding: .utf8)
            let reworded = original.replacingOccurrences(
                of: "steps:\n  - use: CART-WITH-ITEM", with: "steps:\n    # the usual way in\n    - use: CART-WITH-ITEM")
            try repo.fixture.write([path: "# reviewed\n" + reworded + "links: [\"https://example.com/spec\"]\n"])
            let second = try repo.fixture.commit("Comment, indent and link")
            #expect(try await client.refresh()["commit"]?.string == second)
            var body = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1
            #expect(body["progress"]?["outdated"]?.array?.isEmpty == true, "the tester would execute the same steps")

            let steps = try String(contentsOfFile: repo.fixture.path + "/" + block, encoding: .utf8)
            try repo.fixture.write([block: steps.replacingOccurrences(of: "choose size 42", with: "choose size 43")])
            let third = try repo.fixture.commit("Another size")
            #expect(try await client.refresh()["commit"]?.string == third)
            body = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1
            #expect(body["comparedWith"]?["id"]?.string == third)
            let outdated = body["progress"]?["outdated"]?.array ?? []
            #expect(outdated.map { $0["case"]?.string } == [caseID] && outdated.first?["reason"]?.string == "case changed")
            #expect(
                outdated.first?["executedVersion"]?.string == target["caseVersion"]?.string
                    && outdated.first?["currentVersion"]?.string != target["caseVersion"]?.string)
            let shown = try await client.get("/api/v1/projects/SHOP/cases/\(caseID)").1
            #expect(shown["case"]?["version"]?.string == outdated.first?["currentVersion"]?.string)
            // Untested executions of the changed case are not outdated: they will run the new version.
            #expect(executions.filter { $0["case"]?.string == caseID }.count > 1)
            _ = try await client.send(
                .put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(target["id"]?.int ?? 0)", token: token, json: #"{"status":"passed"}"#)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1["progress"]?["outdated"]?.array?.isEmpty == true)
        }
    }

    /// Every write route refuses a viewer (403) and an anonymous client (401).
    @Test func everyWriteRouteChecksTheRole() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tester = try await client.login("tim")
            let viewer = try await client.login("viv")
            let run = try await Self.createRun(client, tester)
            let execution =
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: tester).1["executions"]?[0]?["id"]?.int ?? 0
            let comment =
                try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/comments", token: tester, json: #"{"body":"x"}"#).1["comment"]?["id"]?
                .int ?? 0
            let attachment =
                try await client.send(
                    .post, "/api/v1/projects/SHOP/runs/\(run)/attachments?name=a.txt", token: tester, json: "x", headers: [.contentType: "text/plain"]
                ).1["attachment"]?["id"]?.int ?? 0
            let writes: [(HTTPRequest.Method, String, String)] = [
                (.post, "/api/v1/projects/SHOP/runs", #"{"plan":"PLAN-SMOKE"}"#),
                (.post, "/api/v1/projects/SHOP/runs/\(run)/close", ""),
                (.post, "/api/v1/projects/SHOP/runs/\(run)/reopen", ""),
                (.put, "/api/v1/projects/SHOP/runs/\(run)/executions/\(execution)", #"{"status":"passed"}"#),
                (.post, "/api/v1/projects/SHOP/runs/\(run)/results", #"{"results":[]}"#),
                (.post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", #"{"body":"x"}"#),
                (.post, "/api/v1/projects/SHOP/runs/\(run)/comments", #"{"body":"x"}"#),
                (.post, "/api/v1/projects/SHOP/runs/\(run)/executions/\(execution)/comments", #"{"body":"x"}"#),
                (.patch, "/api/v1/projects/SHOP/comments/\(comment)", #"{"body":"y"}"#),
                (.delete, "/api/v1/projects/SHOP/comments/\(comment)", ""),
                (.delete, "/api/v1/projects/SHOP/attachments/\(attachment)", ""),
                (.post, "/api/v1/users", #"{"username":"x","role":"viewer","password":"long enough pw"}"#),
                (.patch, "/api/v1/users/tim", #"{"role":"admin"}"#),
                (.post, "/api/v1/departments", #"{"name":"QA"}"#),
                (.patch, "/api/v1/departments/QA", #"{"name":"QB"}"#),
                (.delete, "/api/v1/departments/QA", ""),
            ]
            for (method, path, json) in writes {
                let (status, body, _) = try await client.send(method, path, token: viewer, json: json.isEmpty ? nil : json)
                #expect(status == .forbidden, "\(method) \(path) → \(status) \(body)")
                #expect(try await client.send(method, path, json: json.isEmpty ? nil : json).0 == .unauthorized, "\(method) \(path)")
            }
            for kind in ["cases/SHOP-101", "runs/\(run)", "runs/\(run)/executions/\(execution)", "comments/\(comment)"] {
                let upload = try await client.send(
                    .post, "/api/v1/projects/SHOP/\(kind)/attachments?name=a.txt", token: viewer, json: "x", headers: [.contentType: "text/plain"])
                #expect(upload.0 == .forbidden, "\(kind)")
            }
            let junit = try await client.execute(
                uri: "/api/v1/projects/SHOP/runs/\(run)/results/junit", method: .post,
                headers: [.authorization: "Bearer \(viewer)", .contentType: "application/xml"], body: ByteBuffer(string: "<testsuite/>")
            ) { $0.status }
            #expect(junit == .forbidden)
        }
    }
}
