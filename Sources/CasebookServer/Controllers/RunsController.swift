import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// `/projects/{key}/runs`: test runs of a plan at the served commit, their results (one, many,
/// or a JUnit report), progress with outdated results, and a case's results across runs.
struct RunsController {
    let projects: ProjectRegistry
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.post("/projects/{key}/runs", create)
        endpoints.get("/projects/{key}/runs", list)
        endpoints.get("/projects/{key}/runs/{run}", show)
        endpoints.post("/projects/{key}/runs/{run}/close", close)
        endpoints.post("/projects/{key}/runs/{run}/reopen", reopen)
        endpoints.post("/projects/{key}/runs/{run}/clone", clone)
        endpoints.patch("/projects/{key}/runs/{run}/executions", updateMany)
        endpoints.get("/projects/{key}/runs/{run}/executions", executions)
        endpoints.put("/projects/{key}/runs/{run}/executions/{execution}", record)
        endpoints.post("/projects/{key}/runs/{run}/results", recordMany)
        endpoints.post("/projects/{key}/runs/{run}/results/junit", importJUnit)
        endpoints.get("/projects/{key}/cases/{id}/executions", caseExecutions)
    }

    struct NewRun: JSONObjectBody {
        var plan: String
        var title: String?
        var build: String?
        /// A subset of the plan's devices.
        var devices: [String]?
        /// Re-run part of this run: the executions whose result is one of `only`.
        var rerunOf: Int64?
        /// Statuses, and `outdated` for results whose case changed since (default: failed, blocked, untested, retest).
        var only: [String]?
        /// Testers: one executes everything, several share the groups.
        var assignees: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case plan, title, build, devices, rerunOf, only, assignees
        }

        /// The run options the body asks for, checked.
        func options() throws(Problem) -> RunOptions {
            var options = RunOptions(devices: devices, assignees: assignees ?? [])
            if let rerunOf {
                let only = self.only ?? ["failed", "blocked", "untested", "retest"]
                let allowed = ExecutionStatus.allCases.map(\.rawValue) + ["outdated"]
                if let bad = only.first(where: { !allowed.contains($0) }) {
                    throw .invalidValue("only", "'\(bad)' is not a status; only takes: \(allowed.joined(separator: ", "))")
                }
                options.rerun = .init(run: rerunOf, statuses: only.compactMap(ExecutionStatus.init), outdated: only.contains("outdated"))
            } else if only != nil {
                throw .invalidValue("only", "only narrows a re-run: give rerunOf, the run to re-run")
            }
            return options
        }
    }

    /// The body of a clone: a new title or build, or the source run's.
    struct CloneRun: JSONObjectBody {
        var title: String?
        var build: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case title, build
        }
    }

    /// A bulk change of executions: those `executions` names (else those the query's filters
    /// select) get the status, assignee (a username; "" for nobody) and note given.
    struct BulkChange: JSONObjectBody {
        var executions: [Int64]?
        var status: String?
        var assignee: String?
        var notes: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case executions, status, assignee, notes
        }
    }

    /// A result as sent: the status is checked against the allowed values by hand, for a 422 that lists them.
    struct Result: JSONObjectBody {
        var status: String
        var notes: String?
        var defects: [String]?
        var duration: Double?
        var startedAt: Date?
        var finishedAt: Date?
        /// The execution's version the tester read (the single-result route): a result recorded
        /// since makes this one a conflict.
        var version: Int64?
        /// Step results, by position in the case's expanded steps (the single-result route).
        var steps: [StepBody?]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case status, notes, defects, duration, startedAt, finishedAt, version, steps
        }

        struct StepBody: Decodable {
            var status: String?
            var note: String?
        }

        /// The longest duration taken, in seconds: 366 days.
        static let longestDuration: Double = 366 * 24 * 3600

        func input(at index: Int? = nil) throws(Problem) -> ResultInput {
            func field(_ name: String) -> String { index.map { "results[\($0)].\(name)" } ?? name }
            guard let parsed = ExecutionStatus(rawValue: status) else {
                throw .invalidValue(
                    field("status"), "unknown status '\(status)'; statuses are: \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let duration, !(0...Self.longestDuration).contains(duration) {
                throw .invalidValue(
                    field("duration"), "\(field("duration")) is seconds, from 0 to \(Int(Self.longestDuration)) (366 days); it is \(duration)")
            }
            if let startedAt, let finishedAt, finishedAt < startedAt {
                throw .invalidValue(
                    field("finishedAt"),
                    "\(field("finishedAt")) (\(ISO8601.string(finishedAt))) is before \(field("startedAt")) (\(ISO8601.string(startedAt)))")
            }
            var stepResults: [StepResult]?
            if let steps {
                stepResults = try steps.enumerated().map { (position, step) throws(Problem) -> StepResult in
                    guard let step else { return StepResult(status: nil, note: nil) }
                    let status = try step.status.map { (text: String) throws(Problem) -> ExecutionStatus in
                        guard let status = ExecutionStatus(rawValue: text), StepResult.statuses.contains(status) else {
                            throw .invalidValue(
                                "steps[\(position)].status",
                                "unknown step status '\(text)'; a step is \(StepResult.statuses.map(\.rawValue).joined(separator: ", "))")
                        }
                        return status
                    }
                    return StepResult(status: status, note: step.note)
                }
            }
            return ResultInput(
                status: parsed, notes: notes, defects: defects ?? [], duration: duration, startedAt: startedAt, finishedAt: finishedAt,
                steps: stepResults, expectedVersion: version)
        }
    }

    @Sendable func create(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let body = try await JSONBody.decode(NewRun.self, from: request)
        let served = project.current
        let (run, executions) = try await database.createRun(
            project: project.key, planID: body.plan, title: body.title, build: body.build, commit: served.commit.id, snapshot: served.snapshot,
            options: try body.options(), by: principal)
        let people = try await database.people([run.createdById])
        return JSONResponse.make(.created, [("run", .object(RunJSON.run(run, people: people) + [("total", .number(executions))]))])
    }

    @Sendable func clone(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let body = try await JSONBody.decode(CloneRun.self, from: request)
        let served = project.current
        let (run, executions) = try await database.cloneRun(
            try context.parameters.requireID("run"), project: project.key, title: body.title, build: body.build, commit: served.commit.id,
            snapshot: served.snapshot, by: principal)
        let people = try await database.people([run.createdById])
        return JSONResponse.make(.created, [("run", .object(RunJSON.run(run, people: people) + [("total", .number(executions))]))])
    }

    static let listParameters = ["plan", "build", "state", "limit", "cursor"]

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: Self.listParameters)
        let project = try projects.project(context.parameters.require("key"))
        var filter = AppDatabase.RunFilter(plan: parameters.string("plan"), build: parameters.string("build"))
        if let state = try parameters.one("state", of: RunState.self) { filter.open = state == .open }
        let runs = try await database.runs(project: project.key, filter, page: try parameters.page(defaultLimit: 50))
        let people = try await database.people(runs.rows.map(\.createdById))
        return JSONResponse.read(request, PageJSON.members(runs, "runs") { .object(RunJSON.run($0, people: people)) })
    }

    @Sendable func show(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let project = try projects.project(context.parameters.require("key"))
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: project.key)
        let served = project.current
        let progress = try await database.progress(run: runID, project: project.key, snapshot: served.snapshot, commit: served.commit.id)
        let people = try await database.people([run.createdById])
        return JSONResponse.read(
            request,
            [
                ("run", .object(RunJSON.run(run, people: people))),
                ("comparedWith", served.commitJSON),
                ("progress", .object(RunJSON.progress(progress))),
            ])
    }

    @Sendable func close(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await setClosed(true, context)
    }

    @Sendable func reopen(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await setClosed(false, context)
    }

    private func setClosed(_ closed: Bool, _ context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let run = try await database.setRun(try context.parameters.requireID("run"), project: project.key, closed: closed, by: principal)
        return JSONResponse.make([("run", .object(RunJSON.run(run, people: try await database.people([run.createdById]))))])
    }

    static let executionFilters = ["case", "status", "device", "assignee"]

    @Sendable func executions(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: Self.executionFilters + ["limit", "cursor"])
        let project = try projects.project(context.parameters.require("key"))
        let filter = try await Self.filter(parameters, principal: try context.requirePrincipal, database: database)
        let executions = try await database.executions(
            run: try context.parameters.requireID("run"), project: project.key, filter: filter, page: try parameters.page(defaultLimit: 100))
        let people = try await database.people(executions.rows.flatMap { [$0.executedById, $0.assigneeId] })
        return JSONResponse.read(request, PageJSON.members(executions, "executions") { RunJSON.execution($0, people: people) })
    }

    /// The executions the query's `case`, `status`, `device` and `assignee` (a username, `me`
    /// or `none`) select.
    static func filter(_ parameters: QueryParameters, principal: Principal, database: AppDatabase) async throws -> ExecutionFilter {
        var filter = ExecutionFilter(
            status: try parameters.one("status", of: ExecutionStatus.self), device: parameters.string("device"), caseID: parameters.string("case"))
        switch parameters.string("assignee") {
        case nil: break
        case "none": filter.assignee = .some(nil)
        case "me":
            guard let id = principal.userID else { throw Problem.badParameter("assignee", "assignee=me needs a signed-in user") }
            filter.assignee = id
        case let username?:
            do {
                filter.assignee = try await database.user(named: username).id
            } catch StoreError.notFound {
                throw Problem.badParameter("assignee", "no user '\(username)'; assignee takes a username, me or none")
            }
        }
        return filter
    }

    @Sendable func updateMany(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let parameters = try QueryParameters(request, accepting: Self.executionFilters)
        let project = try projects.project(context.parameters.require("key"))
        let body = try await JSONBody.decode(BulkChange.self, from: request)
        var changes = ExecutionChanges(notes: body.notes)
        if let status = body.status {
            guard let parsed = ExecutionStatus(rawValue: status) else {
                throw Problem.invalidValue(
                    "status", "unknown status '\(status)'; statuses are: \(ExecutionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            changes.status = parsed
        }
        if let assignee = body.assignee {
            do {
                changes.assignee = .some(assignee.isEmpty ? nil : try await database.user(named: assignee).id)
            } catch StoreError.notFound {
                throw Problem.invalidValue("assignee", "no user '\(assignee)'; give a username, or \"\" for nobody")
            }
        }
        guard changes.status != nil || changes.assignee != nil || changes.notes != nil else {
            throw Problem.invalidValue("status", "nothing to change: give status, assignee or notes")
        }
        let updated = try await database.updateExecutions(
            run: try context.parameters.requireID("run"), project: project.key, ids: body.executions,
            filter: try await Self.filter(parameters, principal: principal, database: database), changes: changes,
            snapshot: project.current.snapshot, by: principal)
        return JSONResponse.make([("updated", .number(updated))])
    }

    @Sendable func record(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let result = try await JSONBody.decode(Result.self, from: request).input()
        let execution = try await database.recordResult(
            result, execution: try context.parameters.requireID("execution"), run: try context.parameters.requireID("run"),
            project: project.key, snapshot: project.current.snapshot, by: principal)
        let people = try await database.people([execution.executedById, execution.assigneeId])
        return JSONResponse.make([("execution", RunJSON.execution(execution, people: people))])
    }

    @Sendable func recordMany(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let slots = try await JSONBody.read(from: request, Self.readResults)
        let results = try slots.enumerated().map { index, slot in
            SlotResult(caseID: slot.case, device: slot.device, result: try slot.result.input(at: index))
        }
        let recorded = try await database.recordResults(
            results, run: try context.parameters.requireID("run"), project: project.key, snapshot: project.current.snapshot, by: principal)
        return JSONResponse.make([("recorded", .number(recorded))])
    }

    @Sendable func importJUnit(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        try principal.require(.tester)
        let parameters = try QueryParameters(request, accepting: ["device"])
        let project = try projects.project(context.parameters.require("key"))
        let runID = try context.parameters.requireID("run")
        if let contentType = request.headers[.contentType]?.lowercased(),
            !["application/xml", "text/xml", "application/junit+xml"].contains(where: contentType.hasPrefix)
        {
            throw Problem.unsupportedMediaType("a JUnit report is application/xml or text/xml, not \(contentType)")
        }
        let report: JUnitReport
        do {
            let body = Data(buffer: try await request.body.collect(upTo: JSONBody.limit))
            report = try await offloaded { try JUnitReport(parsing: body) }
        } catch let error as JUnitReport.ParseError {
            throw Problem(
                status: .badRequest, kind: .malformedBody, title: "Malformed JUnit report", detail: error.description,
                extensions: [("line", "\(error.line)")])
        }
        _ = try await database.run(runID, project: project.key)
        let device = parameters.string("device")
        try Self.checkDevice(device, of: runID, among: try await database.devices(run: runID))
        let snapshot = project.current.snapshot
        let matching = JUnitMatching(report, caseIDs: try await database.caseIDs(run: runID), snapshot: snapshot)
        let results = matching.matches.map { match in
            SlotResult(
                caseID: match.caseID, device: device, result: ResultInput(status: match.outcome.status, notes: match.notes, duration: match.duration))
        }
        _ = try await database.recordResults(results, run: runID, project: project.key, snapshot: snapshot, by: principal)
        // Counted over the run, not this report: one import sends its files one request each.
        let missing = try await database.untestedCaseIDs(run: runID, device: device).filter { snapshot.testCase($0)?.automation.status == .automated }
        return JSONResponse.make([
            ("tests", .number(report.testCases.count)),
            (
                "matched",
                .array(
                    matching.matches.map { match in
                        .object([
                            ("case", .string(match.caseID)), ("status", .string(match.outcome.status.rawValue)),
                            ("tests", .array(match.tests.map(JSONText.string))),
                        ])
                    })
            ),
            ("unmatched", .array(matching.unmatched.map(JSONText.string))),
            ("missing", .array(missing.map(JSONText.string))),
        ])
    }

    /// A report is for one device when the run has devices, and for none when it has none.
    private static func checkDevice(_ device: String?, of runID: Int64, among devices: [String]) throws(Problem) {
        switch (device, devices.isEmpty) {
        case (nil, false):
            throw .invalidValue("device", "run \(runID) runs its cases on \(devices.joined(separator: ", ")): give ?device= one of them")
        case (let device?, true):
            throw .invalidValue("device", "run \(runID) has no devices; leave out ?device=\(device)")
        case (let device?, false) where !devices.contains(device):
            throw .invalidValue(
                "device",
                "run \(runID) has no device '\(device)'\(Suggestion.hint(for: device, in: devices)); its devices are: \(devices.joined(separator: ", "))"
            )
        default:
            break
        }
    }

    @Sendable func caseExecutions(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: ["limit", "cursor"])
        let project = try projects.project(context.parameters.require("key"))
        let id = try context.parameters.require("id")
        let history = try await database.caseExecutions(project: project.key, caseID: id, page: try parameters.page(defaultLimit: 100))
        let snapshot = project.current.snapshot
        let current = snapshot.testCase(id)
        let people = try await database.people(history.rows.flatMap { [$0.run.createdById, $0.execution.executedById] })
        return JSONResponse.read(
            request,
            [("case", .string(id))]
                + PageJSON.members(history, "executions") { entry in
                    .object([
                        ("run", .object(RunJSON.run(entry.run, people: people))),
                        ("execution", RunJSON.execution(entry.execution, people: people)),
                        ("outdated", .bool(current.map { [snapshot.version(of: $0), $0.contentID].contains(entry.execution.caseVersion) } != true)),
                    ])
                })
    }
}

extension JUnitReport.TestCase.Outcome {
    /// The execution status a JUnit outcome records.
    var status: ExecutionStatus {
        switch self {
        case .passed: .passed
        case .failed: .failed
        case .skipped: .skipped
        }
    }
}

/// Whether a run takes results (`open`) or not (`closed`), as the run list filters it.
enum RunState: String, CaseIterable {
    case open, closed
}
