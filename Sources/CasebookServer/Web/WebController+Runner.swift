import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// The tester's workbench: a run's executions (selected and changed in bulk), the runner of one
/// execution, "My work", a new run (or a re-run, or a clone) and a run's printable report.
extension WebController {
    // MARK: - The runner

    @Sendable func runner(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        try await runnerPage(request, context, visitor, problem: nil)
    }

    /// The runner, with the problem of a result just refused shown in its form.
    private func runnerPage(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor, problem: Problem?) async throws -> Response {
        let key = try context.parameters.require("key")
        let principal = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: ["mine"])
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run"), executionID = try context.parameters.requireID("execution")
        let run = try await database.run(runID, project: key)
        // Opening the runner starts the execution's clock, for a tester who may record it.
        let open = run.closedAt == nil && principal.canWrite && principal.role >= .tester
        let execution =
            open
            ? try await database.startExecution(executionID, run: runID, project: key)
            : try await database.execution(executionID, run: runID, project: key)
        let mine = parameters.string("mine") == "1" ? principal.userID : nil
        let place = try await database.place(of: executionID, run: runID, assignee: mine)
        // The case as the run was made of it: the snapshot of the run's commit (the served one
        // when that commit is gone); a case changed since is said to be.
        let current = project.current.snapshot
        let snapshot = (try? await project.snapshot(at: run.commitId))?.snapshot ?? current
        let testCase = snapshot.testCase(execution.caseId)
        let changed = current.testCase(execution.caseId).map { current.version(of: $0) != execution.caseVersion } ?? true
        let evidence = try await database.attachments(of: Target(.execution, "\(executionID)"), project: key, page: PageRequest(limit: 100))
        let caseFiles = try await database.attachments(of: Target(.case, execution.caseId), project: key, page: PageRequest(limit: 100))
        let people = try await database.people([execution.executedById, execution.assigneeId])
        let tracker = current.settings.tracker
        let steps = snapshot.expandedSteps(testCase?.steps ?? [])
        let base = "/projects/\(key)/runs/\(runID)/executions/"
        let suffix = mine == nil ? "" : "?mine=1"
        func link(_ id: Int64?) -> Any { id.map { base + "\($0)" + suffix } ?? false }
        let stepRows: [[String: Any]] = steps.enumerated().map { index, step in
            let result = index < (execution.stepResults?.count ?? 0) ? execution.stepResults?[index] : nil
            var row: [String: Any] = [
                "index": index, "number": index + 1, "note": result?.note ?? "",
                "statuses": StepResult.statuses.map { status in ["name": status.rawValue, "checked": result?.status == status, "index": index] },
            ]
            switch step.kind {
            case .action(let action, let expected):
                row["action"] = MarkdownHTML.html(action)
                if !expected.isEmpty { row["expected"] = MarkdownHTML.html(expected) }
            case .use(let block): row["action"] = "use " + MarkdownHTML.escape(block)
            }
            if let block = step.block { row["block"] = block }
            return row
        }
        let statusKeys: [ExecutionStatus: String] = [.passed: "p", .failed: "f", .blocked: "b", .skipped: "s", .retest: "r"]
        var detail: [String: Any] = [
            "id": executionID, "status": execution.status.rawValue, "device": execution.deviceId ?? "", "version": execution.version,
            "notes": execution.notes ?? "", "defects": execution.defects.joined(separator: " "),
            "defectLinks": execution.defects.map { defect in ["id": defect, "url": tracker?.link(defect) as Any? ?? false] as [String: Any] },
            "duration": execution.duration.map { String(Int($0)) } ?? "", "started": execution.startedAt.map(ISO8601.string) ?? "",
            "executedBy": people[execution.executedById]?.displayName as Any? ?? false,
            "assignee": people[execution.assigneeId]?.displayName as Any? ?? false,
            "finished": execution.finishedAt.map(ISO8601.string) ?? "", "steps": stepRows, "hasSteps": !stepRows.isEmpty,
            "statuses": ExecutionStatus.allCases.filter { $0 != .untested }.map { status in
                ["name": status.rawValue, "key": statusKeys[status] ?? "", "checked": execution.status == status]
            },
            "changed": changed, "api": "/api/v1\(base)\(executionID)", "attachmentsAPI": "/api/v1\(base)\(executionID)/attachments",
            "evidence": evidence.rows.map { Self.attachmentView($0, key: key) },
            "caseFiles": caseFiles.rows.map { Self.attachmentView($0, key: key) },
        ]
        if let testCase {
            detail["case"] = [
                "id": testCase.id, "title": testCase.title, "priority": testCase.priority,
                "preconditions": testCase.preconditions.map { MarkdownHTML.html($0) as Any } ?? false,
                "estimate": testCase.estimate.map { DurationText.format($0) as Any } ?? false,
            ]
            if execution.status == .failed,
                let report = tracker?.newIssue(
                    title: "\(testCase.id) \(testCase.title) fails" + (execution.deviceId.map { " on \($0)" } ?? ""),
                    description: Self.defectDescription(testCase: testCase, steps: steps, execution: execution, run: run))
            {
                detail["reportDefect"] = report
            }
        }
        let view: [String: Any] = [
            "project": await projectView(project, project.current, ref: nil, request: request),
            "run": ["id": runID, "title": run.title, "build": run.build ?? "—", "open": open],
            "execution": detail,
            "place": [
                "position": place.position, "total": place.total, "previous": link(place.previous), "next": link(place.next),
                "nextUntested": link(place.nextUntested), "mine": mine != nil,
            ],
            "after": (place.nextUntested ?? place.next).map { base + "\($0)" + suffix } ?? base + "\(executionID)" + suffix,
        ]
        var page = view
        if let problem { page["problem"] = problem.detail }
        return visitor.render("runner", title: "\(execution.caseId) · \(run.title)", page, status: problem?.status ?? .ok)
    }

    static func attachmentView(_ attachment: Attachment, key: String) -> [String: Any] {
        [
            "name": attachment.fileName, "url": "/api/v1/projects/\(key)/attachments/\(attachment.id ?? 0)",
            "image": inlineImageTypes.contains(attachment.mediaType), "size": attachment.size,
        ]
    }

    /// What a new defect says: the case, its steps, the device, the build and the tester's note.
    private static func defectDescription(testCase: TestCase, steps: [ExpandedStep], execution: Execution, run: Run) -> String {
        var text = "Case \(testCase.id): \(testCase.title)\n"
        text += "Run \(run.id ?? 0) (\(run.title))" + (run.build.map { ", build \($0)" } ?? "") + (execution.deviceId.map { ", device \($0)" } ?? "")
        text += "\n\nSteps:\n"
        for (index, step) in steps.enumerated() {
            switch step.kind {
            case .action(let action, let expected): text += "\(index + 1). \(action)" + (expected.isEmpty ? "" : " → \(expected)") + "\n"
            case .use(let block): text += "\(index + 1). use \(block)\n"
            }
        }
        if let notes = execution.notes, !notes.isEmpty { text += "\nNote: \(notes)\n" }
        return text
    }

    /// The runner's form, for a browser without the script: records the result, then shows the
    /// next untested execution.
    @Sendable func recordFromRunner(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let key = try context.parameters.require("key")
        let (principal, _) = try requireSession(visitor, request, form: form)
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        return try await showingProblems {
            try await record(form, key: key, principal: scoped, context)
        } on: { problem in
            try await runnerPage(request, context, visitor, problem: problem)
        }
    }

    /// Records the runner form's result and answers the redirect to the next untested execution.
    private func record(_ form: FormBody, key: String, principal scoped: Principal, _ context: CasebookRequestContext) async throws -> Response {
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run"), executionID = try context.parameters.requireID("execution")
        guard let text = form.string("status"), let status = ExecutionStatus(rawValue: text) else {
            throw Problem.invalidValue("status", "choose a result: \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // Each step sends its note field (a radio button only when chosen): step results run to the last note.
        var steps: [StepResult] = []
        while let note = form.string("step\(steps.count)note") {
            let status = form.string("step\(steps.count)").flatMap(ExecutionStatus.init).flatMap { StepResult.statuses.contains($0) ? $0 : nil }
            steps.append(StepResult(status: status, note: note.isEmpty ? nil : note))
        }
        let duration = try form.string("duration").flatMap { text -> Double? in
            guard !text.isEmpty else { return nil }
            guard let seconds = Double(text), (0...RunsController.Result.longestDuration).contains(seconds) else {
                throw Problem.invalidValue("duration", "the duration is seconds, a number from 0; '\(text)' is not")
            }
            return seconds
        }
        let result = ResultInput(
            status: status, notes: form.string("notes").flatMap { $0.isEmpty ? nil : $0 },
            defects: (form.string("defects") ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init), duration: duration,
            steps: steps.isEmpty ? nil : steps, expectedVersion: form.string("version").flatMap { Int64($0) })
        _ = try await database.recordResult(
            result, execution: executionID, run: runID, project: key, snapshot: project.current.snapshot, by: scoped)
        let mine = form.string("mine") == "1" ? scoped.userID : nil
        let place = try await database.place(of: executionID, run: runID, assignee: mine)
        let next = place.nextUntested ?? executionID
        return HTMLPage.redirect(to: "/projects/\(key)/runs/\(runID)/executions/\(next)" + (mine == nil ? "" : "?mine=1"))
    }

    /// `…/runs/{run}/execute`: the runner of the run's first untested execution (of mine, with
    /// `mine=1`), or the run's page when none is left.
    @Sendable func execute(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        let principal = try require(visitor, request, project: key)
        let mine = try QueryParameters(request, accepting: ["mine"]).string("mine") == "1" ? principal.userID : nil
        let runID = try context.parameters.requireID("run")
        _ = try await database.run(runID, project: key)
        guard let first = try await database.firstUntested(run: runID, assignee: mine) else {
            return HTMLPage.redirect(to: "/projects/\(key)/runs/\(runID)")
        }
        return HTMLPage.redirect(to: "/projects/\(key)/runs/\(runID)/executions/\(first)" + (mine == nil ? "" : "?mine=1"))
    }

    // MARK: - My work

    @Sendable func myWork(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let principal = try require(visitor, request)
        _ = try QueryParameters(request)
        guard let userID = principal.userID else { throw Redirect(location: "/login?next=/my-work") }
        let work = try await database.work(of: userID, projects: projects.all.map(\.key).filter { principal.role(in: $0) != nil })
        var runs: [(Run, [Execution])] = []
        for (execution, run) in work {
            if let index = runs.firstIndex(where: { $0.0.id == run.id }) { runs[index].1.append(execution) } else { runs.append((run, [execution])) }
        }
        let view: [String: Any] = [
            "total": work.count,
            "runs": runs.map { run, executions in
                let snapshot = (try? projects.project(run.project))?.current.snapshot
                return [
                    "key": run.project, "id": run.id ?? 0, "title": run.title, "build": run.build ?? "", "count": executions.count,
                    "executions": executions.map { execution in
                        [
                            "id": execution.id ?? 0, "case": execution.caseId, "title": snapshot?.testCase(execution.caseId)?.title ?? "",
                            "device": execution.deviceId ?? "", "status": execution.status.rawValue, "run": run.id ?? 0, "key": run.project,
                        ]
                    },
                ]
            },
        ]
        return visitor.render("my-work", title: visitor.text.myWork, view)
    }
}
