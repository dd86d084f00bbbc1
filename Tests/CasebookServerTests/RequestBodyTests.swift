import CasebookTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Every JSON body is read the same way: a syntax error says where, a body of the wrong kind
/// says what it must be, and a member the route does not take is a 422 naming it, never dropped.
@Suite struct RequestBodyTests {
    /// Each route that takes a JSON object, with a body it takes (`{run}` and `{execution}` are filled in).
    static let routes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/v1/auth/login"), (.post, "/api/v1/projects/SHOP/runs"), (.put, "/api/v1/projects/SHOP/runs/{run}/executions/{execution}"),
        (.post, "/api/v1/projects/SHOP/runs/{run}/results"), (.post, "/api/v1/users"), (.patch, "/api/v1/users/tim"), (.post, "/api/v1/tokens"),
        (.post, "/api/v1/departments"), (.post, "/api/v1/projects/SHOP/cases/SHOP-101/comments"),
    ]

    @Test func aBodyOfTheWrongKindOrNotJSONSaysWhatAndWhere() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("ada")
            let run = try await RunsAPITests.createRun(client, token)
            let execution = try #require(
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1["executions"]?[0]?["id"]?.int)
            for (method, template) in Self.routes {
                let uri = template.replacingOccurrences(of: "{run}", with: "\(run)").replacingOccurrences(of: "{execution}", with: "\(execution)")
                for wrong in ["[]", "null", "42", "\"x\""] {
                    let (status, body, _) = try await client.send(method, uri, token: token, json: wrong)
                    #expect(status == .badRequest && body["detail"]?.string == "the body must be an object", "\(method) \(uri) \(wrong): \(body)")
                }
                let (status, body, _) = try await client.send(method, uri, token: token, json: "{\n  \"a\": 1,\n  }")
                #expect(
                    status == .badRequest && body["detail"]?.string == "the body is not JSON: expected a member name in quotes at line 3, column 3",
                    "\(method) \(uri): \(body)")
            }
        }
    }

    @Test func aMemberTheRouteDoesNotTakeIsA422NamingIt() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let execution = try #require(
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1["executions"]?[0])
            let uri = "/api/v1/projects/SHOP/runs/\(run)/executions/\(execution["id"]?.int ?? 0)"
            let (status, body, _) = try await client.send(.put, uri, token: token, json: #"{"status":"failed","note":"x","defect":["B"]}"#)
            #expect(status == .unprocessableContent && body["field"]?.string == "note")
            #expect(
                body["detail"]?.string
                    == "unknown member 'note' (did you mean 'notes'?); the body takes: status, notes, defects, duration, startedAt, finishedAt, version, steps"
            )
            let recorded = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1["executions"]?[0]
            #expect(recorded?["status"]?.string == "untested", "a refused body records nothing")

            let twice = try await client.send(.put, uri, token: token, json: #"{"status":"failed","status":"passed"}"#)
            #expect(twice.0 == .unprocessableContent && twice.1["detail"]?.string == "status is given twice")

            let slot =
                #"{"case":"\#(execution["case"]?.string ?? "")","device":"\#(execution["device"]?.string ?? "")","status":"passed","defect":["B"]}"#
            let bulk = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(slot)]}"#)
            #expect(bulk.0 == .unprocessableContent && bulk.1["field"]?.string == "results[0].defect")
            #expect(
                bulk.1["detail"]?.string?.hasPrefix(
                    "unknown member 'results[0].defect' (did you mean 'defects'?); results[0] takes: case, device, status,") == true)
            let outer = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"result":[]}"#)
            #expect(
                outer.0 == .unprocessableContent
                    && outer.1["detail"]?.string == "unknown member 'result' (did you mean 'results'?); the body takes: results")

            let run2 = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE","buld":"2.4"}"#)
            #expect(run2.0 == .unprocessableContent && run2.1["detail"]?.string?.hasPrefix("unknown member 'buld' (did you mean 'build'?)") == true)
            let token2 = try await client.send(.post, "/api/v1/tokens", token: token, json: #"{"name":"ci","scope":["read"]}"#)
            #expect(token2.0 == .unprocessableContent && token2.1["field"]?.string == "scope")
        }
    }

    @Test func resultFieldsOutOfRangeAreA422NamingTheField() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let execution = try #require(
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1["executions"]?[0])
            let uri = "/api/v1/projects/SHOP/runs/\(run)/executions/\(execution["id"]?.int ?? 0)"
            for (body, field) in [
                (#"{"status":"passed","duration":1e300}"#, "duration"), (#"{"status":"passed","duration":-1}"#, "duration"),
                (#"{"status":"passed","startedAt":"2026-11-21T10:00:00Z","finishedAt":"2026-11-21T09:00:00Z"}"#, "finishedAt"),
            ] {
                let answer = try await client.send(.put, uri, token: token, json: body)
                #expect(answer.0 == .unprocessableContent && answer.1["field"]?.string == field, "\(body): \(answer.1)")
            }
            let slot =
                #"{"case":"\#(execution["case"]?.string ?? "")","device":"\#(execution["device"]?.string ?? "")","status":"passed","duration":1e300}"#
            let bulk = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: #"{"results":[\#(slot)]}"#)
            #expect(bulk.0 == .unprocessableContent && bulk.1["field"]?.string == "results[0].duration")
            let fine = try await client.send(
                .put, uri, token: token,
                json: #"{"status":"passed","duration":3600,"startedAt":"2026-11-21T09:00:00Z","finishedAt":"2026-11-21T10:00:00Z"}"#)
            #expect(fine.0 == .ok)

            let admin = try await client.login("ada")
            let null = try await client.send(.patch, "/api/v1/users/tim", token: admin, json: #"{"displayName":null}"#)
            #expect(null.0 == .unprocessableContent && null.1["field"]?.string == "displayName")
            let cleared = try await client.send(.patch, "/api/v1/users/tim", token: admin, json: #"{"department":null}"#)
            #expect(cleared.0 == .ok)
        }
    }
}
