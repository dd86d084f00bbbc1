import CasebookCore
import CasebookStore
import Hummingbird

/// `GET /projects/{key}/requirements?run=…|plan=…`: every requirement named by a case, its
/// cases, and the result of each in a run (the one given, the latest of the plan given, or the
/// project's latest): covered, failing or not covered.
struct RequirementsController {
    let projects: ProjectRegistry
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects/{key}/requirements", list)
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: RequirementsCoverage.parameters)
        let project = try projects.project(context.parameters.require("key"))
        let coverage = try await RequirementsCoverage.read(parameters, project: project, database: database)
        let people = try await database.people([coverage.run?.createdById])
        return JSONResponse.read(
            request,
            [
                ("commit", coverage.served.commitJSON),
                ("run", coverage.run.map { .object(RunJSON.run($0, people: people)) } ?? .null),
                (
                    "summary",
                    .object(
                        RequirementsCoverage.State.allCases.map { state in
                            (state.rawValue, .number(coverage.requirements.count { $0.state == state }))
                        })
                ),
                (
                    "requirements",
                    .array(
                        coverage.requirements.map { requirement in
                            .object([
                                ("id", .string(requirement.id)), ("state", .string(requirement.state.rawValue)),
                                (
                                    "cases",
                                    .array(
                                        requirement.cases.map { entry in
                                            .object([
                                                ("id", .string(entry.caseID)), ("title", .string(entry.title)),
                                                ("status", entry.status.map { .string($0.rawValue) } ?? .null),
                                            ])
                                        })
                                ),
                            ])
                        })
                ),
            ])
    }
}

/// Requirements coverage: what the JSON route and the page show.
struct RequirementsCoverage {
    /// How well a requirement is tested in the run: every case passed, any case failed or
    /// blocked, or neither (a case not run yet, skipped, to retest, or not in the run).
    enum State: String, CaseIterable {
        case covered, failing
        case notCovered = "not-covered"
    }

    struct Entry {
        var caseID: String
        var title: String
        /// The case's result in the run, the worst over its devices; `nil` when it is not in the run.
        var status: ExecutionStatus?
    }

    struct Requirement {
        var id: String
        var cases: [Entry]
        var state: State
    }

    static let parameters = ["run", "plan"]

    let served: ServedSnapshot
    let run: Run?
    let requirements: [Requirement]

    /// The coverage the query asks for: `run=N`, `plan=ID` (its latest run), else the latest run.
    static func read(_ parameters: QueryParameters, project: Project, database: AppDatabase) async throws -> RequirementsCoverage {
        let served = try await project.snapshot(at: parameters.ref)
        let snapshot = served.snapshot
        var run: Run?
        if let text = parameters.string("run") {
            guard let id = Int64(text), id > 0 else {
                throw Problem.badParameter("run", "'\(text)' is not a run number; run takes a number such as 7")
            }
            run = try await database.run(id, project: project.key)
        } else {
            let plan = parameters.string("plan")
            if let plan, !snapshot.plans.contains(where: { $0.id == plan }) {
                throw Problem.badParameter("plan", "no plan '\(plan)'; plans: \(snapshot.plans.map(\.id).joined(separator: ", "))")
            }
            run = try await database.runs(project: project.key, .init(plan: plan), page: PageRequest(limit: 1)).rows.first
        }
        var casesByRequirement: [String: [TestCase]] = [:]
        for testCase in snapshot.cases {
            for requirement in Set(testCase.requirements) { casesByRequirement[requirement, default: []].append(testCase) }
        }
        let named = Array(Set(casesByRequirement.values.joined().map(\.id)))
        let statuses = try await run?.id.asyncMap { try await database.statuses(run: $0, cases: named) } ?? [:]
        let requirements = casesByRequirement.keys.sorted().map { id in
            let entries = (casesByRequirement[id] ?? []).map { testCase in
                Entry(caseID: testCase.id, title: testCase.title, status: statuses[testCase.id].flatMap(worst))
            }
            let state: State
            if entries.contains(where: { $0.status == .failed || $0.status == .blocked }) {
                state = .failing
            } else if entries.allSatisfy({ $0.status == .passed }) {
                state = .covered
            } else {
                state = .notCovered
            }
            return Requirement(id: id, cases: entries, state: state)
        }
        return RequirementsCoverage(served: served, run: run, requirements: requirements)
    }

    /// The status that says most about a case run on several devices: failed, then blocked,
    /// retest, untested, skipped, and passed only when every device passed.
    private static func worst(_ statuses: [ExecutionStatus]) -> ExecutionStatus? {
        let order: [ExecutionStatus] = [.failed, .blocked, .retest, .untested, .skipped, .passed]
        return order.first { statuses.contains($0) }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
