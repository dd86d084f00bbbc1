import CasebookCore
import CasebookStore
import Hummingbird

/// Making runs from the pages (a new run of a plan, a re-run of part of a run, a clone), a
/// run's executions with their bulk change, and a run's printable report.
extension WebController {
    @Sendable func newRun(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        try await newRunPage(request, context, visitor, problem: nil)
    }

    /// The new-run form, with the problem of a form just refused shown in it.
    private func newRunPage(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor, problem: Problem?) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: ["plan", "rerunOf"])
        let project = try projects.project(key)
        let snapshot = project.current.snapshot
        var rerun: Run?
        if let text = parameters.string("rerunOf") {
            guard let id = Int64(text) else { throw Problem.badParameter("rerunOf", "'\(text)' is not a run number") }
            rerun = try await database.run(id, project: key)
        }
        let chosen = rerun?.planId ?? parameters.string("plan") ?? snapshot.plans.first?.id
        let testers = try await database.users().filter { $0.role >= .tester && !$0.disabled }
        let view: [String: Any] = [
            "project": await projectView(project, project.current, ref: nil, request: request),
            "plans": snapshot.plans.map { plan in
                [
                    "id": plan.id, "title": plan.title, "selected": plan.id == chosen,
                    "devices": snapshot.resolvedPlans[plan.id]?.devices.map { ["name": $0, "plan": plan.id] } ?? [],
                ]
            },
            "testers": testers.map { ["username": $0.username, "name": $0.displayName] },
            "rerun": rerun.map { ["id": $0.id ?? 0, "title": $0.title, "plan": $0.planId] as [String: Any] } ?? false,
            "statuses": (ExecutionStatus.allCases.map(\.rawValue) + ["outdated"]).map { status in
                ["name": status, "checked": ["failed", "blocked", "untested", "retest"].contains(status)]
            },
        ]
        var page = view
        if let problem { page["problem"] = problem.detail }
        return visitor.render("new-run", title: visitor.text.newRun, page, status: problem?.status ?? .ok)
    }

    @Sendable func createRun(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let key = try context.parameters.require("key")
        let (principal, _) = try requireSession(visitor, request, form: form)
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        return try await showingProblems {
            try await create(form, key: key, principal: scoped)
        } on: { problem in
            try await newRunPage(request, context, visitor, problem: problem)
        }
    }

    /// Creates the run the new-run form asks for and answers the redirect to it.
    private func create(_ form: FormBody, key: String, principal scoped: Principal) async throws -> Response {
        let project = try projects.project(key)
        let served = project.current
        guard let plan = form.string("plan") else { throw Problem.invalidValue("plan", "choose a plan") }
        let devices = form.all("device").filter { $0.hasPrefix(plan + "/") }.map { String($0.dropFirst(plan.count + 1)) }
        var options = RunOptions(devices: devices.isEmpty ? nil : devices, assignees: form.all("assignee"))
        if let text = form.string("rerunOf"), let id = Int64(text) {
            let only = form.all("only")
            options.rerun = .init(run: id, statuses: only.compactMap(ExecutionStatus.init), outdated: only.contains("outdated"))
        }
        func text(_ name: String) -> String? { form.string(name).flatMap { $0.isEmpty ? nil : $0 } }
        let (run, _) = try await database.createRun(
            project: key, planID: plan, title: text("title"), build: text("build"), commit: served.commit.id, snapshot: served.snapshot,
            options: options, by: scoped)
        return HTMLPage.redirect(to: "/projects/\(key)/runs/\(run.id ?? 0)")
    }

    @Sendable func cloneRun(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let key = try context.parameters.require("key")
        let (principal, _) = try requireSession(visitor, request, form: form)
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        let served = try projects.project(key).current
        let (run, _) = try await database.cloneRun(
            try context.parameters.requireID("run"), project: key, title: nil, build: form.string("build").flatMap { $0.isEmpty ? nil : $0 },
            commit: served.commit.id, snapshot: served.snapshot, by: scoped)
        return HTMLPage.redirect(to: "/projects/\(key)/runs/\(run.id ?? 0)")
    }

    // MARK: - A run's executions

    @Sendable func runExecutions(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        try await executionsPage(request, context, visitor, refused: nil)
    }

    /// The run's executions at `request`'s filters. `refused` is a bulk change the page's form
    /// sent and the store refused: its problem is shown above the form, which keeps what was
    /// chosen and ticked.
    private func executionsPage(
        _ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor, refused: (problem: Problem, form: FormBody)?
    ) async throws -> Response {
        let key = try context.parameters.require("key")
        let principal = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: RunsController.executionFilters + ["limit", "cursor"])
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: key)
        let filter = try await RunsController.filter(parameters, principal: principal, database: database)
        let page = try await database.executions(run: runID, project: key, filter: filter, page: try parameters.page(defaultLimit: 100))
        let people = try await database.people(page.rows.flatMap { [$0.executedById, $0.assigneeId] })
        let snapshot = project.current.snapshot
        let testers = try await database.users().filter { $0.role >= .tester && !$0.disabled }
        let devices = try await database.devices(run: runID)
        let open = run.closedAt == nil && principal.canWrite && principal.role >= .tester
        let chosen = refused?.form
        let ticked = Set(chosen?.all("execution") ?? [])
        let view: [String: Any] = [
            "project": await projectView(project, project.current, ref: nil, request: request),
            "run": ["id": runID, "title": run.title, "open": open],
            "total": page.total, "shown": page.rows.count,
            "rows": page.rows.map { execution in
                [
                    "id": execution.id ?? 0, "case": execution.caseId, "title": snapshot.testCase(execution.caseId)?.title ?? "",
                    "device": execution.deviceId ?? "", "status": execution.status.rawValue,
                    "assignee": people[execution.assigneeId]?.username ?? "", "by": people[execution.executedById]?.username ?? "",
                    "notes": execution.notes ?? "", "ticked": ticked.contains("\(execution.id ?? 0)"),
                ]
            },
            "filters": [
                "statuses": ExecutionStatus.allCases.map { ["value": $0.rawValue, "selected": $0 == filter.status] },
                "devices": devices.map { ["value": $0, "selected": $0 == filter.device] },
                "assignee": parameters.string("assignee") ?? "", "case": filter.caseID ?? "",
            ],
            "kept": QueryLink.pairs(request).filter { RunsController.executionFilters.contains($0.0) }.map { ["name": $0.0, "value": $0.1] },
            "testers": testers.map { ["username": $0.username, "selected": chosen?.string("assignee") == $0.username] },
            "setStatuses": ExecutionStatus.allCases.map { ["value": $0.rawValue, "selected": chosen?.string("status") == $0.rawValue] },
            "chosen": ["nobody": chosen?.string("assignee") == "-", "notes": chosen?.string("notes") ?? "", "all": chosen?.string("all") == "on"],
            "next": page.next.map { QueryLink.link(request, setting: ["cursor": "\($0)"]) } ?? false,
            "back": QueryLink.link(request, setting: [:]),
            "problem": refused?.problem.detail ?? false,
        ]
        if let refused { return visitor.render("executions", title: run.title, view, status: refused.problem.status) }
        // An open run's table follows other testers' results, as its progress page does.
        return visitor.render("executions", title: run.title, view, conditional: request)
    }

    @Sendable func updateExecutions(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let key = try context.parameters.require("key")
        let (principal, _) = try requireSession(visitor, request, form: form)
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        let runID = try context.parameters.requireID("run")
        let back = Self.localPath(form.string("back"))
        return try await showingProblems {
            try await update(form, key: key, run: runID, principal: scoped)
            return HTMLPage.redirect(to: back)
        } on: { problem in
            // The page the form was on, its filters kept, with the problem above the form.
            var head = request.head
            head.method = .get
            head.path = back
            return try await executionsPage(Request(head: head, body: .init(buffer: ByteBuffer())), context, visitor, refused: (problem, form))
        }
    }

    /// Makes the bulk change the executions form asks for.
    private func update(_ form: FormBody, key: String, run runID: Int64, principal scoped: Principal) async throws {
        let project = try projects.project(key)
        // Every execution the filters select, or those ticked.
        let everything = form.string("all") == "on"
        let ids = everything ? nil : form.all("execution").compactMap { Int64($0) }
        if ids?.isEmpty == true { throw Problem.invalidValue("executions", "tick the executions to change, or all that match") }
        var filter = ExecutionFilter()
        if everything {
            filter.status = form.string("filter.status").flatMap(ExecutionStatus.init)
            filter.device = form.string("filter.device").flatMap { $0.isEmpty ? nil : $0 }
            filter.caseID = form.string("filter.case").flatMap { $0.isEmpty ? nil : $0 }
            if let assignee = form.string("filter.assignee"), !assignee.isEmpty {
                filter.assignee = assignee == "none" ? .some(nil) : assignee == "me" ? scoped.userID : try await database.user(named: assignee).id
            }
        }
        var changes = ExecutionChanges()
        changes.status = form.string("status").flatMap(ExecutionStatus.init)
        if let assignee = form.string("assignee"), !assignee.isEmpty {
            changes.assignee = .some(assignee == "-" ? nil : try await database.user(named: assignee).id)
        }
        changes.notes = form.string("notes").flatMap { $0.isEmpty ? nil : $0 }
        guard changes.status != nil || changes.assignee != nil || changes.notes != nil else {
            throw Problem.invalidValue("status", "choose what to set: a status, an assignee or a note")
        }
        _ = try await database.updateExecutions(
            run: runID, project: key, ids: ids, filter: filter, changes: changes, snapshot: project.current.snapshot, by: scoped)
    }

    // MARK: - The report

    @Sendable func report(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        _ = try QueryParameters(request)
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: key)
        let served = project.current
        let progress = try await database.progress(run: runID, project: key, snapshot: served.snapshot, commit: served.commit.id)
        let failing = try await database.failing(run: runID, project: key, limit: 500)
        let people = try await database.people(failing.map(\.executedById) + [run.createdById])
        let tracker = served.snapshot.settings.tracker
        let spent = try await database.timeSpent(run: runID)
        let estimated = try await database.caseIDs(run: runID).reduce(0) { $0 + (served.snapshot.testCase($1)?.estimate ?? 0) }
        let view: [String: Any] = [
            "project": await projectView(project, served, ref: nil, request: request),
            "run": [
                "id": runID, "title": run.title, "plan": run.planId, "build": run.build ?? "—", "commit": String(run.commitId.prefix(12)),
                "created": ISO8601.string(run.createdAt), "createdBy": people[run.createdById]?.displayName ?? "",
                "state": run.closedAt == nil ? "open" : "closed", "total": progress.total,
                "passRate": progress.passRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—",
                "estimated": estimated > 0 ? DurationText.format(estimated) : "—", "spent": spent > 0 ? DurationText.format(Int(spent)) : "—",
            ],
            "statuses": ExecutionStatus.allCases.map { ["name": $0.rawValue, "count": progress.statuses[$0] ?? 0] },
            "overall": StatusBar(label: visitor.text.statuses, counts: progress.statuses).view,
            "devices": progress.devices.keys.sorted().map {
                StatusBar(label: $0.isEmpty ? visitor.text.noDevice : $0, counts: progress.devices[$0] ?? [:]).view
            },
            "failing": failing.map { execution in
                [
                    "case": execution.caseId, "title": served.snapshot.testCase(execution.caseId)?.title ?? "", "device": execution.deviceId ?? "",
                    "status": execution.status.rawValue, "notes": execution.notes ?? "", "by": people[execution.executedById]?.displayName ?? "",
                    "defects": execution.defects.map { ["id": $0, "url": tracker?.link($0) as Any? ?? false] as [String: Any] },
                ]
            },
            "downloads": ReportController.Format.allCases.map {
                ["format": $0.rawValue, "url": "/api/v1/projects/\(key)/runs/\(runID)/report?format=\($0.rawValue)"]
            },
        ]
        return visitor.render("report", title: visitor.text.report + " · " + run.title, view)
    }
}
