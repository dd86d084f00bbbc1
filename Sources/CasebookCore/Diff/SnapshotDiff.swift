import CasebookYAML

/// What changed between two snapshots of a case repository, as a reviewer reads a pull request:
/// cases, groups, shared steps and plans added, removed, moved and modified field by field and
/// step by step, each plan's matrix gained and lost, findings introduced and fixed.
package struct SnapshotDiff: Sendable {
    package var cases: [CaseChange]
    package var groups: [GroupChange]
    package var sharedSteps: [SharedStepChange]
    package var plans: [PlanChange]
    /// Findings of the head that the base did not have, in report order.
    package var introducedFindings: [Finding]
    /// Findings of the base that the head no longer has, in report order.
    package var fixedFindings: [Finding]

    /// Whether nothing a reviewer would see changed.
    package var isEmpty: Bool {
        cases.isEmpty && groups.isEmpty && sharedSteps.isEmpty && plans.isEmpty && introducedFindings.isEmpty && fixedFindings.isEmpty
    }
}

/// How an item of the repository changed.
package enum ChangeKind: String, Sendable, Hashable {
    case added, removed, modified
    /// The same id in another file (and maybe modified too).
    case moved
}

/// One field of a case, group, block or plan that changed. Text fields carry the old and the new
/// value (`nil`: not set); list fields carry the items that came and went.
package enum FieldChange: Sendable, Hashable {
    /// `prose` marks free text (titles, descriptions, preconditions), shown with a word diff.
    case value(field: String, old: String?, new: String?, prose: Bool)
    case list(field: String, added: [String], removed: [String])

    /// The field's name, like `title`, `tags` or `fields.component`.
    package var field: String {
        switch self {
        case .value(let field, _, _, _), .list(let field, _, _): field
        }
    }
}

/// A case that was added, removed, moved or modified.
package struct CaseChange: Sendable, Hashable {
    package var id: String
    package var kind: ChangeKind
    package var title: String
    /// The case's file in the head (in the base, for a removed case).
    package var path: String
    /// Where the file was in the base, for a move.
    package var previousPath: String?
    package var group: String
    /// The group in the base, when it changed.
    package var previousGroup: String?
    package var fields: [FieldChange]
    package var steps: [StepChange]
}

/// One step that was added, removed, moved to another position, or changed in place.
package struct StepChange: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        /// `moved`: the step is at another position, maybe edited too.
        case added, removed, moved, changed
    }

    package var kind: Kind
    /// The step's 1-based number in the base, `nil` for an added step.
    package var from: Int?
    /// The step's 1-based number in the head, `nil` for a removed step.
    package var to: Int?
    package var old: Step.Kind?
    package var new: Step.Kind?

    /// Whether the step's text changed (a changed step, or a moved one that was edited too).
    package var isEdited: Bool {
        old != nil && new != nil && old != new
    }
}

/// A group (a folder below `cases/`) that appeared, went away, or whose `group.yaml` changed.
package struct GroupChange: Sendable, Hashable {
    package var id: String
    package var kind: ChangeKind
    package var fields: [FieldChange]
}

/// A shared-step block that changed, with the cases whose expanded steps change with it.
package struct SharedStepChange: Sendable, Hashable {
    package var id: String
    package var kind: ChangeKind
    package var path: String
    package var previousPath: String?
    package var fields: [FieldChange]
    package var steps: [StepChange]
    /// Cases in both snapshots that use the block (directly or through another block) and
    /// whose expanded steps differ, by id.
    package var affectedCases: [String]
}

/// A plan that changed: its own fields, or only its resolved matrix (cases gained a tag, a group
/// grew…).
package struct PlanChange: Sendable, Hashable {
    package var id: String
    package var kind: ChangeKind
    package var title: String
    package var path: String
    package var previousPath: String?
    package var fields: [FieldChange]
    /// Cases that enter the plan's matrix, in plan order.
    package var casesAdded: [String]
    /// Cases that leave it, in the base's plan order.
    package var casesRemoved: [String]
    /// (case, device) pairs that enter the matrix.
    package var executionsAdded: [ResolvedPlan.Entry]
    /// (case, device) pairs that leave it.
    package var executionsRemoved: [ResolvedPlan.Entry]
}
