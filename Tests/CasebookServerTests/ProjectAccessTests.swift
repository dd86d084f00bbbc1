import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Teams sharing one server: a role per project, and nothing of a project a user may not read —
/// not its cases, runs or ids, not even that it exists.
@Suite struct ProjectAccessTests {
    /// SHOP (the sample) and OTHER, a project of one case, served together; tim is a tester and
    /// viv a viewer on OTHER only, olga admin of OTHER only.
    struct TwoProjects {
        let repo: ServedRepository
        let other: GitFixture
        var options: ServerOptions

        init() async throws {
            repo = try await ServedRepository()
            other = try GitFixture()
            try other.write([
                "casebook.yaml": "project: { key: OTHER, name: Secret Other }\n",
                "cases/a/one.yaml": "id: OTHER-1\ntitle: One\nsteps: [{ action: A }]\n",
                "plans/all.yaml": "id: PLAN-ALL\ntitle: All\ninclude:\n  - group: a\n",
            ])
            _ = try other.commit("Other project")
            options = repo.options
            options.anonymousRead = false
            options.projects.append(ProjectSource(path: other.path))
            let database = try AppDatabase.open(path: repo.databasePath, passwords: PasswordPolicy(cost: 4))
            _ = try await database.addUser(.init(username: "olga", role: .tester, password: "her own key words"), by: .commandLine)
            try await database.grant("tim", role: .tester, on: "OTHER", by: .commandLine)
            try await database.grant("viv", role: .viewer, on: "OTHER", by: .commandLine)
            try await database.grant("olga", role: .admin, on: "OTHER", by: .commandLine)
        }
    }

    /// Every route's path with its parameters filled in for project `key`.
    static func concrete(_ path: String, key: String) -> String {
        path.replacingOccurrences(of: "{key}", with: key).replacingOccurrences(of: "{id}", with: "\(key)-1")
            .replacingOccurrences(of: "{path+}", with: "a").replacingOccurrences(of: "{username}", with: "tim").replacingOccurrences(
                of: "{name}", with: "QA"
            )
            .replacingOccurrences(of: "{run}", with: "1").replacingOccurrences(of: "{execution}", with: "1").replacingOccurrences(
                of: "{comment}", with: "1"
            )
            .replacingOccurrences(of: "{attachment}", with: "1")
    }

    @Test func everyRouteOfAProjectIsA404ForAUserOfAnotherOne() async throws {
        let setup = try await TwoProjects()
        let app = try await buildApplication(setup.options)
        let database = try AppDatabase.open(path: setup.repo.databasePath)
        let routes = buildRouter(projects: try ProjectRegistry([]), database: database, options: setup.options).1.routes
        let projectRoutes = routes.filter { $0.path.contains("/projects/{key}") }
        #expect(projectRoutes.count > 30)
        try await app.test(.router) { client in
            for user in ["tim", "viv", "olga"] {
                let password = user == "olga" ? "her own key words" : try #require(ServedRepository.users.first { $0.0 == user }?.2)
                let token = try await client.login(as: user, password: password)
                for route in projectRoutes {
                    let uri = Self.concrete(route.path, key: "SHOP")
                    let method = HTTPRequest.Method(route.method)!
                    let (status, body, _) = try await client.send(method, uri, token: token, json: method == .get || method == .delete ? nil : "{}")
                    #expect(status == .notFound && body["detail"]?.string == "no project 'SHOP'", "\(user) \(route.method) \(uri): \(status) \(body)")
                }
                let listed = try await client.send(.get, "/api/v1/projects", token: token).1
                #expect(listed["projects"]?.array?.map { $0["key"]?.string } == ["OTHER"])
                let me = try await client.send(.get, "/api/v1/auth/me", token: token).1
                #expect(me["projects"]?.array?.map { $0["key"]?.string } == ["OTHER"])
                for answer in [listed, me] { #expect(!"\(answer)".contains("Web Shop")) }
            }
            // Their own project, each with their role there.
            let tim = try await client.login("tim"), viv = try await client.login("viv")
            #expect(try await client.send(.post, "/api/v1/projects/OTHER/runs", token: tim, json: #"{"plan":"PLAN-ALL"}"#).0 == .created)
            #expect(try await client.send(.post, "/api/v1/projects/OTHER/runs", token: viv, json: #"{"plan":"PLAN-ALL"}"#).0 == .forbidden)
            #expect(try await client.send(.get, "/api/v1/projects/OTHER/cases/OTHER-1", token: viv).0 == .ok)
            #expect(try await client.send(.get, "/api/v1/projects/OTHER/members", token: tim).0 == .forbidden)
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/refresh", token: tim).0 == .notFound)
        }
    }

    @Test func projectAdminsManageTheirMembersAndGrantsAreAudited() async throws {
        let setup = try await TwoProjects()
        try await setup.repo.test(setup.options) { client in
            let olga = try await client.login(as: "olga", password: "her own key words")
            let members = try await client.send(.get, "/api/v1/projects/OTHER/members", token: olga)
            #expect(
                members.0 == .ok
                    && members.1["members"]?.array?.map { "\($0["user"]?["username"]?.string ?? "") \($0["role"]?.string ?? "")" } == [
                        "olga admin", "tim tester", "viv viewer",
                    ])
            #expect(try await client.send(.put, "/api/v1/projects/OTHER/members/viv", token: olga, json: #"{"role":"tester"}"#).0 == .ok)
            #expect(try await client.send(.delete, "/api/v1/projects/OTHER/members/tim", token: olga).0 == .noContent)
            #expect(
                try await client.send(.put, "/api/v1/projects/OTHER/members/tim", token: olga, json: #"{"role":"owner"}"#).0 == .unprocessableContent)
            #expect(try await client.send(.get, "/api/v1/users", token: olga).0 == .forbidden, "a project's admin is not the instance's")
            let tim = try await client.login("tim")
            #expect(
                try await client.send(.get, "/api/v1/projects/OTHER", token: tim).0 == .ok,
                "without any grant, tim holds his role on every project again")

            let ada = try await client.login("ada")
            let audit = try await client.send(.get, "/api/v1/audit?target=user&limit=10", token: ada).1["entries"]?.array ?? []
            let lines = audit.map { "\($0["action"]?.string ?? "") \($0["target"]?["id"]?.string ?? "") \($0["summary"]?.string ?? "")" }
            #expect(lines.contains("grant viv tester on OTHER") && lines.contains("revoke tim no role on OTHER"), "\(lines)")
        }
    }

    @Test func aTokenLimitedToProjectsReadsOnlyThose() async throws {
        let setup = try await TwoProjects()
        try await setup.repo.test(setup.options) { client in
            let ada = try await client.login("ada")
            let created = try await client.send(
                .post, "/api/v1/tokens", token: ada, json: #"{"name":"other-ci","scopes":["read","write"],"projects":["OTHER"]}"#)
            #expect(created.0 == .created && created.1["projects"] == .array([.string("OTHER")]))
            let token = try #require(created.1["token"]?.string)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP", token: token).0 == .notFound)
            #expect(try await client.send(.get, "/api/v1/projects/OTHER", token: token).0 == .ok)
            #expect(try await client.send(.get, "/api/v1/projects", token: token).1["projects"]?.array?.count == 1)
            let unknown = try await client.send(.post, "/api/v1/tokens", token: ada, json: #"{"name":"x","scopes":["read"],"projects":["NOPE"]}"#)
            #expect(unknown.0 == .unprocessableContent && unknown.1["field"]?.string == "projects")
            let tim = try await client.login("tim")
            let notHis = try await client.send(.post, "/api/v1/tokens", token: tim, json: #"{"name":"x","scopes":["read"],"projects":["SHOP"]}"#)
            #expect(notHis.0 == .unprocessableContent && notHis.1["detail"]?.string == "no project 'SHOP' that tim may read")
        }
    }

    /// Ids are per server, not per project: one project's run, execution, comment and attachment
    /// ids answer 404 through another project's key, even for an admin of both.
    @Test func idsOfOneProjectAre404ThroughAnother() async throws {
        let setup = try await TwoProjects()
        try await setup.repo.test(setup.options) { client in
            let ada = try await client.login("ada")
            let run = try #require(
                try await client.send(.post, "/api/v1/projects/OTHER/runs", token: ada, json: #"{"plan":"PLAN-ALL"}"#).1["run"]?["id"]?.int)
            let execution = try #require(
                try await client.send(.get, "/api/v1/projects/OTHER/runs/\(run)/executions", token: ada).1["executions"]?[0]?["id"]?.int)
            let comment = try #require(
                try await client.send(.post, "/api/v1/projects/OTHER/runs/\(run)/comments", token: ada, json: #"{"body":"x"}"#).1["comment"]?["id"]?
                    .int)
            let attachment = try #require(
                try await client.send(
                    .post, "/api/v1/projects/OTHER/runs/\(run)/attachments?name=a.txt", token: ada, json: "x", headers: [.contentType: "text/plain"]
                ).1["attachment"]?["id"]?.int)
            for (method, uri, body) in [
                (HTTPRequest.Method.get, "/runs/\(run)", nil), (.get, "/runs/\(run)/executions", nil), (.post, "/runs/\(run)/close", nil),
                (.put, "/runs/\(run)/executions/\(execution)", #"{"status":"passed"}"#), (.get, "/runs/\(run)/comments", nil),
                (.patch, "/comments/\(comment)", #"{"body":"y"}"#), (.delete, "/comments/\(comment)", nil),
                (.get, "/attachments/\(attachment)", nil), (.delete, "/attachments/\(attachment)", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let status = try await client.send(method, "/api/v1/projects/SHOP" + uri, token: ada, json: body).0
                #expect(status == .notFound, "\(method) \(uri): \(status)")
            }
        }
    }
}
