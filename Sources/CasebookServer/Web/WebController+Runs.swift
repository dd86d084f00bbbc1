import CasebookCore
import CasebookStore
import Hummingbird

/// The pages of runs: the list (with the chart of a plan's runs by build), a run's progress
/// (refreshing itself while the run is open), and requirements coverage.
extension WebController {
    @Sendable func runs(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: RunsController.listParameters)
        let project = try projects.project(key)
        let served = project.current
        var filter = AppDatabase.RunFilter(plan: parameters.string("plan"), build: parameters.string("build"))
        let state = try parameters.one("state", of: RunState.self)
        if let state { filter.open = state == .open }
        let page = try await database.runs(project: key, filter, page: try parameters.page(defaultLimit: 50))
        var view: [String: Any] = [
            "project": await projectView(project, served, ref: nil, request: request), "runs": page.rows.map(Self.runRow),
            "total": page.total, "next": page.next.map { QueryLink.link(request, setting: ["cursor": "\($0)"]) } ?? false,
            "filters": [
                "plans": served.snapshot.plans.map { ["value": $0.id, "selected": $0.id == filter.plan] },
                "build": filter.build ?? "",
                "states": RunState.allCases.map { ["value": $0.rawValue, "selected": $0 == state] },
            ],
        ]
        if let plan = filter.plan {
            // The plan's last 20 runs, oldest first, whatever the other filters.
            let recent = try await database.runs(project: key, .init(plan: plan), page: PageRequest(limit: 20)).rows.reversed()
            var points: [BuildChart.Point] = []
            for run in recent {
                guard let id = run.id else { continue }
                let progress = try await database.progress(run: id, project: key, snapshot: served.snapshot, commit: served.commit.id)
                points.append(.init(label: run.build ?? "#\(id)", counts: progress.statuses, passRate: progress.passRate))
            }
            if !points.isEmpty {
                var chart = BuildChart(points: points).view
                chart["statuses"] = ExecutionStatus.allCases.map(\.rawValue)
                view["chart"] = chart
            }
        }
        return visitor.render("runs", title: visitor.text.runs + " · " + served.snapshot.settings.name, view)
    }

    @Sendable func run(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        let principal = try require(visitor, request, project: key)
        _ = try QueryParameters(request)
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: key)
        let served = project.current
        let progress = try await database.progress(run: runID, project: key, snapshot: served.snapshot, commit: served.commit.id)
        let recent = try await database.recentResults(run: runID, limit: 10)
        let people = try await database.people(recent.map(\.userId) + [run.createdById])
        let text = visitor.text
        func bars(_ heading: String, _ counts: [String: RunProgress.Counts], empty: String) -> [String: Any] {
            [
                "heading": heading,
                "rows": counts.keys.sorted().map { label in StatusBar(label: label.isEmpty ? empty : label, counts: counts[label] ?? [:]).view },
            ]
        }
        let view: [String: Any] = [
            "project": await projectView(project, served, ref: nil, request: request),
            "run": [
                "id": runID, "title": run.title, "plan": run.planId, "build": run.build ?? "—", "state": run.closedAt == nil ? "open" : "closed",
                "open": run.closedAt == nil, "commit": String(run.commitId.prefix(12)), "total": progress.total,
                "passRate": progress.passRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—", "created": ISO8601.string(run.createdAt),
                "createdBy": people[run.createdById]?.displayName ?? "", "rerunOf": run.rerunOf.map { $0 as Any } ?? false,
            ],
            "statuses": ExecutionStatus.allCases.map { ["name": $0.rawValue, "count": progress.statuses[$0] ?? 0] },
            "overall": StatusBar(label: text.statuses, counts: progress.statuses).view,
            "bars": [bars(text.byDevice, progress.devices, empty: text.noDevice), bars(text.byGroup, Self.topLevel(progress.groups), empty: "—")],
            "outdated": progress.outdated.prefix(200).map { outdated in
                [
                    "case": outdated.caseID, "device": outdated.device ?? "", "status": outdated.status.rawValue,
                    "reason": outdated.currentVersion == nil ? text.caseRemoved : text.caseChanged,
                ]
            },
            "recent": recent.map { entry in
                ["who": people[entry.userId]?.displayName ?? "—", "what": entry.summary, "when": ISO8601.string(entry.at)]
            },
            "canSeeAudit": principal.role == .admin,
        ]
        // While the run is open the page polls itself; a closed run no longer changes.
        return visitor.render("run", title: run.title, view, conditional: request)
    }

    /// Counts by group rolled up to the top-level groups: a large repository has thousands of
    /// groups, too many bars for a page.
    static func topLevel(_ groups: [String: RunProgress.Counts]) -> [String: RunProgress.Counts] {
        var rolled: [String: RunProgress.Counts] = [:]
        for (group, counts) in groups {
            let top = String(group.split(separator: "/", maxSplits: 1).first ?? "")
            rolled[top, default: [:]].merge(counts, uniquingKeysWith: +)
        }
        return rolled
    }

    @Sendable func requirements(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: RequirementsCoverage.parameters)
        let project = try projects.project(key)
        let coverage = try await RequirementsCoverage.read(parameters, project: project, database: database)
        let text = visitor.text
        let served = coverage.served
        let rows: [[String: Any]] = coverage.requirements.map { requirement in
            [
                "id": requirement.id, "state": requirement.state.rawValue, "stateText": text.coverage(requirement.state),
                "cases": requirement.cases.map { entry in
                    ["id": entry.caseID, "title": entry.title, "status": entry.status?.rawValue ?? "", "hasStatus": entry.status != nil]
                },
            ]
        }
        var runView: Any = false
        if let run = coverage.run { runView = Self.runRow(run) }
        let recent = try await database.runs(project: key, .init(), page: PageRequest(limit: 50)).rows
        let view: [String: Any] = [
            "project": await projectView(project, served, ref: parameters.ref, request: request), "requirements": rows, "run": runView,
            "counts": RequirementsCoverage.State.allCases.map { state in
                ["state": state.rawValue, "label": text.coverage(state), "count": coverage.requirements.filter { $0.state == state }.count]
            },
            "runs": recent.map { run in ["id": run.id ?? 0, "title": run.title, "selected": run.id == coverage.run?.id] },
        ]
        return visitor.render("requirements", title: text.requirements + " · " + served.snapshot.settings.name, view)
    }
}
