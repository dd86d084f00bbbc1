import CasebookCore
import CasebookStore
import Hummingbird

/// The pages of what a project's repository holds: the home page's project cards, the case list
/// beside the group tree, a case, a group, a shared-step block, the plans and a plan's matrix,
/// and the findings.
extension WebController {
    @Sendable func home(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let principal = try require(visitor, request)
        var cards: [[String: Any]] = []
        for project in projects.all where principal.role(in: project.key) != nil {
            let snapshot = project.current.snapshot
            let latest = try await database.runs(project: project.key, .init(), page: PageRequest(limit: 3))
            var card: [String: Any] = [
                "key": project.key, "name": snapshot.settings.name, "cases": snapshot.cases.count, "plans": snapshot.plans.count,
                "groups": snapshot.groups.count, "commit": String(project.current.commit.id.prefix(12)),
                "runs": latest.rows.map(Self.runRow),
            ]
            let errors = snapshot.findings.count(.error)
            if errors > 0 { card["errors"] = visitor.text.count(errors, "error") }
            card["description"] = snapshot.settings.description
            cards.append(card)
        }
        return visitor.render("home", title: visitor.text.projects, ["projects": cards])
    }

    /// A run as a row of a list.
    static func runRow(_ run: Run) -> [String: Any] {
        [
            "id": run.id ?? 0, "title": run.title, "plan": run.planId, "build": run.build ?? "", "state": run.closedAt == nil ? "open" : "closed",
            "created": ISO8601.string(run.createdAt),
        ]
    }

    @Sendable func cases(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor, accepting: CasesController.listParameters, prefixes: ["field."])
        let snapshot = page.snapshot
        let query = try CasesController.query(page.parameters, for: snapshot)
        let found = snapshot.cases(matching: query)
        func options(_ values: [String], _ chosen: String?) -> [[String: Any]] { values.map { ["value": $0, "selected": $0 == chosen] } }
        let sort = query.sort.description
        let filters: [String: Any] = [
            "q": page.parameters.string("q") ?? "", "tag": page.parameters.string("tag") ?? "", "owner": page.parameters.string("owner") ?? "",
            "group": page.parameters.string("group") ?? "", "requirement": page.parameters.string("requirement") ?? "",
            "priorities": options(snapshot.settings.priorities, page.parameters.string("priority")),
            "types": options(snapshot.settings.types, page.parameters.string("type")),
            "automations": options(AutomationStatus.allCases.map(\.rawValue), page.parameters.string("automation")),
            "sorts": CaseSort.Key.allCases.flatMap { key in [key.rawValue, "-" + key.rawValue] }.map { ["value": $0, "selected": $0 == sort] },
            "fields": snapshot.settings.fields.map { field in ["name": field.name, "value": page.parameters.string("field." + field.name) ?? ""] },
        ]
        // A column's heading sorts by it, ascending, or descending when it is sorted ascending already.
        let columns: [[String: Any]] = [
            ("id", visitor.text.id), ("title", visitor.text.title), ("priority", visitor.text.priority), ("type", visitor.text.type),
            ("automation", visitor.text.automation), ("path", visitor.text.group),
        ].map { key, label in
            let ascending = query.sort.key.rawValue == key && !query.sort.descending
            var column: [String: Any] = [
                "label": label, "link": QueryLink.link(request, setting: ["sort": ascending ? "-" + key : key, "cursor": nil]),
            ]
            if query.sort.key.rawValue == key {
                column["order"] = query.sort.descending ? "descending" : "ascending"
                column[query.sort.descending ? "descending" : "ascending"] = true
            }
            return column
        }
        let rows: [[String: Any]] = found.cases.map { testCase in
            [
                "id": testCase.id, "title": testCase.title, "priority": testCase.priority, "type": testCase.type,
                "automation": testCase.automation.status.rawValue, "group": testCase.group,
            ]
        }
        // The same cases to download: the list's filters (and ref), not its order or page.
        let downloads = CasesController.ExportFormat.allCases.map { format -> [String: Any] in
            let link = QueryLink.link(request, setting: ["sort": nil, "cursor": nil, "limit": nil, "format": format.rawValue])
            return ["format": format.rawValue, "url": "/api/v1/projects/\(page.key)/cases/export" + link.drop { $0 != "?" }]
        }
        let view: [String: Any] = [
            "project": page.view, "total": found.total, "filters": filters, "downloads": downloads,
            "columns": columns, "cases": rows, "tree": groupTree(snapshot, open: page.parameters.string("group"), request: request),
            "next": found.next.map { QueryLink.link(request, setting: ["cursor": $0.token]) } ?? false,
        ]
        return visitor.render("cases", title: visitor.text.casesTitle + " · " + snapshot.settings.name, view)
    }

    /// The group tree beside the case list: the top-level groups, and the groups below each
    /// group on the way to the one chosen, each a link to the list filtered by it.
    private func groupTree(_ snapshot: Snapshot, open: String?, request: Request) -> [[String: Any]] {
        let lineage = Set(open.map(CaseGroup.lineage) ?? [])
        var rows: [[String: Any]] = []
        func add(_ parent: String?, depth: Int) {
            for group in snapshot.subgroups(of: parent) {
                rows.append([
                    "id": group.id, "title": group.title, "count": snapshot.caseCount(inGroup: group.id), "depth": min(depth, 6),
                    "current": group.id == open, "link": QueryLink.link(request, setting: ["group": group.id, "cursor": nil]),
                ])
                if lineage.contains(group.id) { add(group.id, depth: depth + 1) }
            }
        }
        add(nil, depth: 0)
        return rows
    }

    @Sendable func testCase(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        let id = try context.parameters.require("id")
        guard let testCase = page.served.testCase(id) else { throw Problem.notFound("case", id) }
        let fields: [[String: Any]] = snapshot.settings.fields.compactMap { field in
            testCase.fields[field.name].map { ["name": field.name, "value": $0.text] }
        }
        let links = testCase.links.filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
        let version = snapshot.version(of: testCase)
        let executed = try await database.caseExecutions(project: page.key, caseID: id, page: PageRequest(limit: 50))
        let comments = try await database.comments(on: Target(.case, id), project: page.key, page: PageRequest(limit: 100))
        let attachments = try await database.attachments(of: Target(.case, id), project: page.key, page: PageRequest(limit: 100))
        let people = try await database.people(
            executed.rows.map(\.execution.executedById) + comments.rows.map(\.authorId) + attachments.rows.map(\.uploadedById))
        let results: [[String: Any]] = executed.rows.map { entry in
            [
                "status": entry.execution.status.rawValue, "run": entry.run.id ?? 0, "runTitle": entry.run.title, "build": entry.run.build ?? "",
                "device": entry.execution.deviceId ?? "", "by": people[entry.execution.executedById]?.displayName ?? "",
                "when": entry.execution.finishedAt.map(ISO8601.string) ?? "",
                "outdated": ![version, testCase.contentID].contains(entry.execution.caseVersion),
            ]
        }
        let log = try await page.project.repository.log(ofCase: id, at: testCase.path, from: page.served.commit.id, settings: snapshot.settings)
        let history: [[String: Any]] = log.prefix(50).map { entry in
            let revision = entry.revision, change = entry.change
            var row: [String: Any] = [
                "commit": String(revision.commit.id.prefix(12)), "change": revision.change.rawValue,
                "message": revision.commit.message.split(separator: "\n").first.map(String.init) ?? "", "author": revision.commit.authorName,
                "date": revision.commit.date,
            ]
            if let parent = revision.commit.parents.first {
                row["diff"] = "/projects/\(page.key)/diff?base=\(parent)&head=\(revision.commit.id)"
            }
            if let previous = revision.previousPath { row["from"] = previous }
            // Always set: a row without them would show the case's own steps and fields.
            row["fields"] = fieldViews(change?.fields ?? [])
            row["hasFields"] = !(change?.fields ?? []).isEmpty
            row["steps"] = stepChangeViews(change?.steps ?? [])
            return row
        }
        var detail: [String: Any] = [
            "id": testCase.id, "title": testCase.title, "priority": testCase.priority, "type": testCase.type,
            "automation": testCase.automation.status.rawValue, "group": testCase.group, "tags": testCase.tags, "hasTags": !testCase.tags.isEmpty,
            "requirements": testCase.requirements, "hasRequirements": !testCase.requirements.isEmpty, "links": links, "hasLinks": !links.isEmpty,
            "fields": fields, "path": testCase.path, "steps": stepViews(snapshot.expandedSteps(testCase.steps), key: page.key), "results": results,
            "hasResults": !results.isEmpty, "history": history, "version": version,
            "comments": comments.rows.map { comment in
                [
                    "author": people[comment.authorId]?.displayName ?? "", "when": ISO8601.string(comment.createdAt),
                    "body": MarkdownHTML.html(comment.body), "edited": comment.editedAt != nil,
                ]
            },
            "attachments": attachments.rows.map { attachment in
                [
                    "name": attachment.fileName, "size": attachment.size, "type": attachment.mediaType,
                    "url": "/api/v1/projects/\(page.key)/attachments/\(attachment.id ?? 0)",
                    "image": Self.inlineImageTypes.contains(attachment.mediaType),
                    "by": people[attachment.uploadedById]?.displayName ?? "",
                ]
            },
        ]
        detail["ref"] = testCase.automation.ref
        detail["owner"] = testCase.owner
        detail["preconditions"] = testCase.preconditions.map(MarkdownHTML.html)
        let view: [String: Any] = ["project": page.view, "case": detail]
        return visitor.render("case", title: testCase.id + " " + testCase.title, view)
    }

    /// The media types a page shows as images (those a browser draws without running anything).
    static let inlineImageTypes: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp"]

    /// Steps as a page shows them: text as Markdown, each step of a shared-step block marked
    /// with it (and a link to it).
    private func stepViews(_ steps: [ExpandedStep], key: String) -> [[String: Any]] {
        steps.map { step in
            var row: [String: Any] = [:]
            switch step.kind {
            case .action(let action, let expected):
                row["action"] = MarkdownHTML.html(action)
                if !expected.isEmpty { row["expected"] = MarkdownHTML.html(expected) }
            case .use(let block): row["action"] = "use " + MarkdownHTML.escape(block)
            }
            if let block = step.block {
                row["block"] = block
                row["blockLink"] = "/projects/\(key)/shared-steps/" + PercentEncoding.encode(block)
            }
            return row
        }
    }

    @Sendable func group(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        let id = context.parameters.getCatchAll().joined(separator: "/")
        guard let group = snapshot.groups[id] else { throw Problem.notFound("group", id) }
        var detail: [String: Any] = [
            "id": group.id, "title": group.title, "count": snapshot.caseCount(inGroup: id),
            "lineage": CaseGroup.lineage(of: id).reversed().dropLast().map { ["id": $0, "title": snapshot.groups[$0]?.title ?? $0] },
            "subgroups": snapshot.subgroups(of: id).map { ["id": $0.id, "title": $0.title, "count": snapshot.caseCount(inGroup: $0.id)] },
            "cases": snapshot.cases.filter { $0.group == id }.prefix(500).map { ["id": $0.id, "title": $0.title, "priority": $0.priority] },
        ]
        detail["hasSubgroups"] = !snapshot.subgroups(of: id).isEmpty
        detail["description"] = group.description.map(MarkdownHTML.html)
        detail["owner"] = group.owner
        let view: [String: Any] = ["project": page.view, "group": detail]
        return visitor.render("group", title: group.title + " · " + snapshot.settings.name, view)
    }

    @Sendable func sharedSteps(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        let id = try context.parameters.require("id")
        guard let block = snapshot.sharedSteps[id] else { throw Problem.notFound("shared-step block", id) }
        let users = snapshot.cases.filter { testCase in
            snapshot.expandedSteps(testCase.steps).contains { $0.block == id }
        }
        let detail: [String: Any] = [
            "id": block.id, "title": block.title, "path": block.path, "steps": stepViews(snapshot.expandedSteps(block.steps), key: page.key),
            "cases": users.prefix(500).map { ["id": $0.id, "title": $0.title] }, "count": users.count,
        ]
        let view: [String: Any] = ["project": page.view, "shared": detail]
        return visitor.render("shared-steps", title: block.title + " · " + snapshot.settings.name, view)
    }

    @Sendable func plans(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        let plans: [[String: Any]] = snapshot.plans.map { plan in
            let resolved = snapshot.resolvedPlans[plan.id]
            let devices = Self.deviceCounts(resolved)
            var row: [String: Any] = [
                "id": plan.id, "title": plan.title, "cases": resolved?.caseIDs.count ?? 0, "executions": resolved?.entries.count ?? 0,
                "devices": devices, "hasDevices": !devices.isEmpty,
            ]
            row["description"] = plan.description.map(MarkdownHTML.html)
            return row
        }
        let view: [String: Any] = ["project": page.view, "plans": plans]
        return visitor.render("plans", title: visitor.text.plansTitle + " · " + snapshot.settings.name, view)
    }

    /// How many executions a plan has on each of its devices, in the plan's order.
    private static func deviceCounts(_ resolved: ResolvedPlan?) -> [[String: Any]] {
        var byDevice: [(String, Int)] = []
        for entry in resolved?.entries ?? [] {
            guard let device = entry.device else { continue }
            if let index = byDevice.firstIndex(where: { $0.0 == device }) { byDevice[index].1 += 1 } else { byDevice.append((device, 1)) }
        }
        return byDevice.map { ["name": $0.0, "count": $0.1] }
    }

    @Sendable func plan(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        let id = try context.parameters.require("id")
        guard let plan = snapshot.plans.first(where: { $0.id == id }) else { throw Problem.notFound("plan", id) }
        let resolved = snapshot.resolvedPlans[id] ?? .empty
        var cells: [String: Set<String>] = [:]
        for entry in resolved.entries { cells[entry.caseID, default: []].insert(entry.device ?? "") }
        let devices = resolved.devices
        // The matrix of the first 1,000 cases; the counts are of all.
        let rows: [[String: Any]] = resolved.caseIDs.prefix(1000).map { caseID in
            [
                "id": caseID, "title": snapshot.testCase(caseID)?.title ?? "",
                "cells": devices.isEmpty ? [["on": true]] : devices.map { ["on": cells[caseID]?.contains($0) ?? false] },
            ]
        }
        var detail: [String: Any] = [
            "id": plan.id, "title": plan.title, "cases": resolved.caseIDs.count, "executions": resolved.entries.count,
            "devices": devices.isEmpty ? [["name": visitor.text.noDevice, "count": resolved.entries.count]] : Self.deviceCounts(resolved),
            "rows": rows, "truncated": resolved.caseIDs.count > rows.count, "path": plan.path,
        ]
        detail["description"] = plan.description.map(MarkdownHTML.html)
        let latest = try await database.runs(project: page.key, .init(plan: id), page: PageRequest(limit: 5))
        detail["runs"] = latest.rows.map(Self.runRow)
        let view: [String: Any] = ["project": page.view, "plan": detail]
        return visitor.render("plan", title: plan.title + " · " + snapshot.settings.name, view)
    }

    @Sendable func findings(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let page = try await projectPage(request, context, visitor)
        let snapshot = page.snapshot
        // The source line of each finding, read from the page.served commit (the first 200 findings).
        let shown = snapshot.findings.prefix(200)
        let sources = try await page.project.repository.lines(of: Set(shown.map(\.file)), at: page.served.commit.id)
        let rows: [[String: Any]] = shown.map { finding in
            var row: [String: Any] = [
                "file": finding.file, "line": finding.mark.line, "column": finding.mark.column, "severity": finding.severity.rawValue,
                "message": finding.message, "rule": finding.rule.rawValue,
            ]
            if let lines = sources[finding.file], (1...lines.count).contains(finding.mark.line) {
                row["source"] = String(lines[finding.mark.line - 1])
            }
            return row
        }
        let view: [String: Any] = [
            "project": page.view, "findings": rows,
            "errors": visitor.text.count(snapshot.findings.count(.error), "error"),
            "warnings": visitor.text.count(snapshot.findings.count(.warning), "warning"),
        ]
        return visitor.render("findings", title: visitor.text.findings + " · " + snapshot.settings.name, view)
    }
}
