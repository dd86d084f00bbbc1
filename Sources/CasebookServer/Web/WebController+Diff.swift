import CasebookCore
import CasebookStore
import Hummingbird

/// The diff between two refs as a page: what `casebook diff --format markdown` puts in a pull
/// request comment (the headline, the summary table, each plan's matrix change, the findings
/// introduced and fixed, a collapsible section per case, block and group), with word diffs
/// marked as deletions and insertions.
extension WebController {
    @Sendable func diff(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: ["base", "head"])
        let project = try projects.project(key)
        let headRevision = parameters.string("head") ?? parameters.ref ?? project.repository.followed
        let head = try await project.snapshot(at: headRevision)
        // The base defaults to the head's first parent: the last change, as a reviewer sees it.
        let baseRevision = parameters.string("base") ?? String((head.commit.parents.first ?? head.commit.id).prefix(12))
        let base = try await project.snapshot(at: baseRevision)
        let diff = try await offloaded { SnapshotDiff(from: base.snapshot, to: head.snapshot) }
        let text = visitor.text
        var view: [String: Any] = [
            "project": await projectView(project, head, ref: parameters.ref, request: request),
            "base": baseRevision, "head": headRevision, "baseCommit": String(base.commit.id.prefix(12)),
            "headCommit": String(head.commit.id.prefix(12)), "headline": diff.headline(diff.summary), "empty": diff.isEmpty,
        ]
        let summary = diff.summary
        view["summary"] = [
            (text.casesTitle, summary.cases), (text.groupsTitle, summary.groups), (text.sharedSteps, summary.sharedSteps),
            (text.plansTitle, summary.plans),
        ]
        .filter { !$0.1.isEmpty }
        .map { name, counts in ["name": name, "counts": ChangeKind.reportOrder.map { counts[$0] ?? 0 }] }
        view["plans"] = diff.plans.map { plan in
            [
                "id": plan.id, "title": plan.title, "kind": plan.kind.rawValue, "casesAdded": plan.casesAdded.count,
                "casesRemoved": plan.casesRemoved.count, "executionsAdded": plan.executionsAdded.count,
                "executionsRemoved": plan.executionsRemoved.count, "fields": fieldViews(plan.fields), "hasFields": !plan.fields.isEmpty,
            ]
        }
        view["findings"] =
            diff.introducedFindings.map { Self.findingView($0, fixed: false) } + diff.fixedFindings.map { Self.findingView($0, fixed: true) }
        view["cases"] = diff.cases.map { change in
            var row: [String: Any] = [
                "id": change.id, "title": change.title, "kind": change.kind.rawValue, "path": change.path, "removed": change.kind == .removed,
                "fields": fieldViews(change.fields), "hasFields": !change.fields.isEmpty, "steps": stepChangeViews(change.steps),
            ]
            if let previous = change.previousPath { row["from"] = previous }
            if let previousGroup = change.previousGroup { row["groupChange"] = previousGroup + " → " + change.group }
            return row
        }
        view["blocks"] = diff.sharedSteps.map { change in
            [
                "id": change.id, "kind": change.kind.rawValue, "path": change.path, "fields": fieldViews(change.fields),
                "hasFields": !change.fields.isEmpty,
                "steps": stepChangeViews(change.steps), "affected": change.affectedCases, "affectedCount": change.affectedCases.count,
            ]
        }
        view["groups"] = diff.groups.map { change in
            ["id": change.id, "kind": change.kind.rawValue, "fields": fieldViews(change.fields), "hasFields": !change.fields.isEmpty]
        }
        return visitor.render("diff", title: text.diff + " · " + head.snapshot.settings.name, view)
    }

    private static func findingView(_ finding: Finding, fixed: Bool) -> [String: Any] {
        [
            "file": finding.file, "line": finding.mark.line, "column": finding.mark.column, "severity": finding.severity.rawValue,
            "message": finding.message, "rule": finding.rule.rawValue, "fixed": fixed,
        ]
    }

    /// A field's change: a word diff for prose, old → new for a value, items in and out for a list.
    func fieldViews(_ fields: [FieldChange]) -> [[String: Any]] {
        fields.map { field -> [String: Any] in
            switch field {
            case .value(let name, let old, let new, let prose):
                if prose, let old, let new { return ["field": name, "words": Self.words(from: old, to: new)] }
                return ["field": name, "old": old ?? "—", "new": new ?? "—", "value": true]
            case .list(let name, let added, let removed):
                return ["field": name, "added": added, "removed": removed, "list": true]
            }
        }
    }

    func stepChangeViews(_ steps: [StepChange]) -> [[String: Any]] {
        steps.map { step in
            var row: [String: Any] = ["headline": step.headline.prefix(1).uppercased() + step.headline.dropFirst()]
            switch (step.old, step.new) {
            case (.action(let oldAction, let oldExpected)?, .action(let newAction, let newExpected)?) where step.isEdited:
                if oldAction != newAction { row["action"] = Self.words(from: oldAction, to: newAction) }
                if oldExpected != newExpected { row["expected"] = Self.words(from: oldExpected, to: newExpected) }
            case (.use(let oldBlock)?, .use(let newBlock)?) where step.isEdited:
                row["uses"] = [["chunk": oldBlock, "delete": true], ["chunk": newBlock, "insert": true]]
            default:
                switch step.new ?? step.old {
                case .action(let action, let expected)?:
                    row["action"] = [["chunk": action, "equal": true]]
                    if !expected.isEmpty { row["expected"] = [["chunk": expected, "equal": true]] }
                case .use(let block)?: row["uses"] = [["chunk": block, "equal": true]]
                case nil: break
                }
            }
            row["hasAction"] = row["action"] != nil
            row["hasExpected"] = row["expected"] != nil
            return row
        }
    }

    /// A word diff as segments the template marks: `<del>` for deletions, `<ins>` for insertions.
    private static func words(from old: String, to new: String) -> [[String: Any]] {
        WordDiff.segments(from: old, to: new).map { segment in
            [
                "chunk": segment.text, "delete": segment.operation == .delete, "insert": segment.operation == .insert,
                "equal": segment.operation == .equal,
            ]
        }
    }
}
