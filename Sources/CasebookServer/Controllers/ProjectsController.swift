import CasebookCore
import Hummingbird

/// `/projects`, one project, its groups, plans, statistics and findings, and the refresh webhook.
struct ProjectsController {
    let projects: ProjectRegistry

    /// The refresh webhook, added without ``AuthMiddleware``: webhook senders cannot send bearer
    /// tokens, so `access` takes a signed webhook too.
    func addRefresh(to endpoints: Endpoints, access: RefreshAccess) {
        endpoints.post("/projects/{key}/refresh") { request, context in
            try await access.check(request, project: try context.parameters.require("key"))
            return try await refresh(request, context: context)
        }
    }

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects", list)
        endpoints.get("/projects/{key}", show)
        endpoints.get("/projects/{key}/groups", groups)
        endpoints.get("/projects/{key}/groups/{path+}", group)
        endpoints.get("/projects/{key}/plans", plans)
        endpoints.get("/projects/{key}/plans/{id}", plan)
        endpoints.get("/projects/{key}/stats", stats)
        endpoints.get("/projects/{key}/findings", findings)
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let principal = try context.requirePrincipal
        var served: [(Project, ServedSnapshot)] = []
        for project in projects.all where principal.role(in: project.key) != nil {
            served.append((project, try await project.snapshot(at: parameters.ref)))
        }
        // Each project carries its own commit; the list changes when any of them does.
        return SnapshotResponse.json(request, version: served.map(\.1.commit.id).joined(separator: ",")) {
            [
                (
                    "projects",
                    .array(
                        served.map { project, snapshot in
                            .object(ProjectJSON.summary(project, snapshot.snapshot) + [("commit", snapshot.commitJSON)])
                        })
                )
            ]
        }
    }

    @Sendable func show(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (project, served) = try await read(request, context)
        return SnapshotResponse.json(request, served) { [("project", .object(ProjectJSON.detail(project, served.snapshot)))] }
    }

    @Sendable func refresh(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        _ = try QueryParameters(request, accepting: [])
        let project = try projects.project(context.parameters.require("key"))
        let outcome = await project.refresh()
        let body = JSONText.object([
            ("project", .string(project.key)), ("commit", .string(outcome.commit)), ("changed", .bool(outcome.changed)),
            ("parsedFiles", .number(outcome.parsedFiles)), ("error", .optional(outcome.error)),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(json: body))
    }

    @Sendable func groups(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        let snapshot = served.snapshot
        return SnapshotResponse.json(request, served) {
            [("groups", .array(snapshot.subgroups(of: nil).map { ProjectJSON.group($0, in: snapshot, depth: .max) }))]
        }
    }

    @Sendable func group(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        let id = context.parameters.getCatchAll().joined(separator: "/")
        guard let group = served.snapshot.groups[id] else { throw Problem.notFound("group", id) }
        let cases = served.snapshot.cases.filter { $0.group == id }
        return SnapshotResponse.json(request, served) {
            [("group", ProjectJSON.group(group, in: served.snapshot, depth: 1)), ("cases", .array(cases.map(CaseJSON.summary)))]
        }
    }

    @Sendable func plans(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        let snapshot = served.snapshot
        return SnapshotResponse.json(request, served) {
            [("plans", .array(snapshot.plans.map { .object(ProjectJSON.plan($0, snapshot.resolvedPlans[$0.id])) }))]
        }
    }

    @Sendable func plan(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        let id = try context.parameters.require("id")
        guard let plan = served.snapshot.plans.first(where: { $0.id == id }) else { throw Problem.notFound("plan", id) }
        let resolved = served.snapshot.resolvedPlans[id]
        return SnapshotResponse.json(request, served) {
            [("plan", .object(ProjectJSON.plan(plan, resolved) + ProjectJSON.matrix(resolved)))]
        }
    }

    @Sendable func stats(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        return SnapshotResponse.json(request, served) { ProjectJSON.statistics(served.snapshot.statistics()) }
    }

    @Sendable func findings(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let (_, served) = try await read(request, context)
        let findings = served.snapshot.findings
        return SnapshotResponse.json(request, served) {
            [
                ("errors", .number(findings.count(.error))),
                ("warnings", .number(findings.count(.warning))),
                ("findings", .array(findings.map(ProjectJSON.finding))),
            ]
        }
    }

    /// The project the path names and its snapshot at `?ref=` (no other parameters taken).
    private func read(_ request: Request, _ context: CasebookRequestContext) async throws -> (Project, ServedSnapshot) {
        let parameters = try QueryParameters(request)
        let project = try projects.project(context.parameters.require("key"))
        return (project, try await project.snapshot(at: parameters.ref))
    }
}
