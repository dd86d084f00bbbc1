extension SnapshotDiff {
    /// What changed from `base` to `head`. Cases whose file kept its blob id and path are not
    /// looked at further, so a diff costs in proportion to what changed, plus one pass over ids.
    package init(from base: Snapshot, to head: Snapshot) {
        cases = Self.caseChanges(from: base, to: head)
        groups = Self.groupChanges(from: base, to: head)
        sharedSteps = Self.sharedStepChanges(from: base, to: head)
        plans = Self.planChanges(from: base, to: head)
        (introducedFindings, fixedFindings) = Self.findingChanges(from: base.findings, to: head.findings)
    }

    private static func caseChanges(from base: Snapshot, to head: Snapshot) -> [CaseChange] {
        var changes: [CaseChange] = []
        var seen: Set<String> = []
        for new in head.cases where seen.insert(new.id).inserted {
            guard let old = base.testCase(new.id) else {
                changes.append(CaseChange(id: new.id, kind: .added, title: new.title, path: new.path, group: new.group, fields: [], steps: []))
                continue
            }
            if old.contentID == new.contentID, old.path == new.path { continue }
            if let change = CaseChange(from: old, to: new) { changes.append(change) }
        }
        for old in base.cases where head.testCase(old.id) == nil && seen.insert(old.id).inserted {
            changes.append(CaseChange(id: old.id, kind: .removed, title: old.title, path: old.path, group: old.group, fields: [], steps: []))
        }
        return changes.sorted { CaseID.precedes($0.id, $1.id) }
    }

    fileprivate static func fieldChanges(from old: TestCase, to new: TestCase) -> [FieldChange] {
        var changes = FieldChanges()
        changes.value("title", old.title, new.title, prose: true)
        changes.value("priority", old.priority, new.priority)
        changes.value("type", old.type, new.type)
        changes.value("automation.status", old.automation.status.rawValue, new.automation.status.rawValue)
        changes.value("automation.ref", old.automation.ref, new.automation.ref)
        changes.value("owner", old.owner, new.owner)
        changes.value("estimate", old.estimate.map(DurationText.format), new.estimate.map(DurationText.format))
        changes.value("preconditions", old.preconditions, new.preconditions, prose: true)
        changes.list("tags", old.tags, new.tags)
        changes.list("requirements", old.requirements, new.requirements)
        changes.list("links", old.links, new.links)
        for name in Set(old.fields.keys).union(new.fields.keys).sorted() {
            let before = old.fields[name], after = new.fields[name]
            if case .list(let oldItems)? = before, case .list(let newItems)? = after {
                changes.list("fields." + name, oldItems, newItems)
            } else {
                changes.value("fields." + name, before.map(\.text), after.map(\.text))
            }
        }
        return changes.all
    }

    private static func groupChanges(from base: Snapshot, to head: Snapshot) -> [GroupChange] {
        Set(base.groups.keys).union(head.groups.keys).sorted().compactMap { id in
            switch (base.groups[id], head.groups[id]) {
            case (nil, .some): return GroupChange(id: id, kind: .added, fields: [])
            case (.some, nil): return GroupChange(id: id, kind: .removed, fields: [])
            case (let old?, let new?):
                var changes = FieldChanges()
                changes.value("title", old.title, new.title, prose: true)
                changes.value("description", old.description, new.description, prose: true)
                changes.value("owner", old.owner, new.owner)
                return changes.all.isEmpty ? nil : GroupChange(id: id, kind: .modified, fields: changes.all)
            case (nil, nil): return nil
            }
        }
    }

    private static func sharedStepChanges(from base: Snapshot, to head: Snapshot) -> [SharedStepChange] {
        let changes: [SharedStepChange] = Set(base.sharedSteps.keys).union(head.sharedSteps.keys).sorted().compactMap { id in
            switch (base.sharedSteps[id], head.sharedSteps[id]) {
            case (nil, let new?):
                return SharedStepChange(id: id, kind: .added, path: new.path, fields: [], steps: [], affectedCases: [])
            case (let old?, nil):
                return SharedStepChange(id: id, kind: .removed, path: old.path, fields: [], steps: [], affectedCases: [])
            case (let old?, let new?):
                var fields = FieldChanges()
                fields.value("title", old.title, new.title, prose: true)
                let steps = StepAlignment.changes(from: old.steps.map(\.kind), to: new.steps.map(\.kind))
                let moved = old.path != new.path
                if !moved, fields.all.isEmpty, steps.isEmpty { return nil }
                return SharedStepChange(
                    id: id, kind: moved ? .moved : .modified, path: new.path, previousPath: moved ? old.path : nil, fields: fields.all, steps: steps,
                    affectedCases: [])
            case (nil, nil): return nil
            }
        }
        guard !changes.isEmpty else { return [] }
        return changes.map { change in
            var change = change
            change.affectedCases = affectedCases(by: change.id, from: base, to: head)
            return change
        }
    }

    /// Cases in both snapshots that reach `block` through `use:` on either side and whose
    /// expanded steps differ.
    private static func affectedCases(by block: String, from base: Snapshot, to head: Snapshot) -> [String] {
        let users = [base, head].map { $0.blocks(using: block) }
        var affected: [String] = []
        var seen: Set<String> = []
        for new in head.cases where seen.insert(new.id).inserted {
            guard new.steps.contains(where: { $0.uses(users[1]) }) || (base.testCase(new.id)?.steps.contains { $0.uses(users[0]) } ?? false),
                let old = base.testCase(new.id)
            else { continue }
            if base.expandedSteps(old.steps) != head.expandedSteps(new.steps) { affected.append(new.id) }
        }
        return affected.sorted(by: CaseID.precedes)
    }

    private static func planChanges(from base: Snapshot, to head: Snapshot) -> [PlanChange] {
        func firstByID(_ plans: [Plan]) -> [String: Plan] {
            var byID: [String: Plan] = [:]
            for plan in plans where byID[plan.id] == nil { byID[plan.id] = plan }
            return byID
        }
        let oldPlans = firstByID(base.plans), newPlans = firstByID(head.plans)
        return Set(oldPlans.keys).union(newPlans.keys).sorted().compactMap { id in
            let old = oldPlans[id], new = newPlans[id]
            guard let plan = new ?? old else { return nil }
            var fields = FieldChanges()
            if let old, let new {
                fields.value("title", old.title, new.title, prose: true)
                fields.value("description", old.description, new.description, prose: true)
                fields.value("owner", old.owner, new.owner)
                fields.value("milestone", old.milestone, new.milestone)
                fields.list("devices", old.devices.map(\.value), new.devices.map(\.value))
                fields.list("include", old.include.map(\.summary), new.include.map(\.summary))
                fields.list("exclude", old.exclude.map(\.summary), new.exclude.map(\.summary))
            }
            let before = old.flatMap { base.resolvedPlans[$0.id] } ?? .empty
            let after = new.flatMap { head.resolvedPlans[$0.id] } ?? .empty
            let matrix = MatrixChange(from: before, to: after)
            let moved = old != nil && new != nil && old?.path != new?.path
            let kind: ChangeKind = old == nil ? .added : new == nil ? .removed : moved ? .moved : .modified
            if kind == .modified, fields.all.isEmpty, matrix.isEmpty { return nil }
            return PlanChange(
                id: id, kind: kind, title: plan.title, path: plan.path, previousPath: moved ? old?.path : nil, fields: fields.all,
                casesAdded: matrix.casesAdded, casesRemoved: matrix.casesRemoved, executionsAdded: matrix.executionsAdded,
                executionsRemoved: matrix.executionsRemoved)
        }
    }

    /// Findings are matched by rule, file and message, not by place: a finding that only moved
    /// down because lines were added above it is neither introduced nor fixed.
    private static func findingChanges(from base: [Finding], to head: [Finding]) -> (introduced: [Finding], fixed: [Finding]) {
        func unmatched(_ findings: [Finding], against others: [Finding]) -> [Finding] {
            var counts: [FindingKey: Int] = [:]
            for finding in others { counts[FindingKey(finding), default: 0] += 1 }
            return findings.filter { finding in
                let key = FindingKey(finding)
                guard let count = counts[key], count > 0 else { return true }
                counts[key] = count - 1
                return false
            }
        }
        return (unmatched(head, against: base), unmatched(base, against: head))
    }

    private struct FindingKey: Hashable {
        var rule: Rule
        var file: String
        var message: String

        init(_ finding: Finding) {
            rule = finding.rule
            file = finding.file
            message = finding.message
        }
    }
}

extension CaseChange {
    /// How `new` differs from `old`, two versions of one case; `nil` when only comments or
    /// formatting changed.
    package init?(from old: TestCase, to new: TestCase) {
        let fields = SnapshotDiff.fieldChanges(from: old, to: new)
        let steps = StepAlignment.changes(from: old.steps.map(\.kind), to: new.steps.map(\.kind))
        let moved = old.path != new.path
        if !moved, fields.isEmpty, steps.isEmpty { return nil }
        self.init(
            id: new.id, kind: moved ? .moved : .modified, title: new.title, path: new.path, previousPath: moved ? old.path : nil,
            group: new.group, previousGroup: old.group == new.group ? nil : old.group, fields: fields, steps: steps)
    }
}

/// Collects the fields that differ, in the order they are compared.
private struct FieldChanges {
    private(set) var all: [FieldChange] = []

    mutating func value(_ field: String, _ old: String?, _ new: String?, prose: Bool = false) {
        if old != new { all.append(.value(field: field, old: old, new: new, prose: prose)) }
    }

    mutating func list(_ field: String, _ old: [String], _ new: [String]) {
        let added = new.filter { !old.contains($0) }, removed = old.filter { !new.contains($0) }
        if !added.isEmpty || !removed.isEmpty { all.append(.list(field: field, added: added, removed: removed)) }
    }
}

/// How a plan's resolved matrix changed. A matrix is every selected case on every device, so
/// pairs follow from the cases and devices that came and went.
private struct MatrixChange {
    var casesAdded: [String] = []
    var casesRemoved: [String] = []
    var executionsAdded: [ResolvedPlan.Entry] = []
    var executionsRemoved: [ResolvedPlan.Entry] = []

    var isEmpty: Bool { executionsAdded.isEmpty && executionsRemoved.isEmpty }

    init(from old: ResolvedPlan, to new: ResolvedPlan) {
        (casesAdded, executionsAdded) = Self.entering(new, leaving: old)
        (casesRemoved, executionsRemoved) = Self.entering(old, leaving: new)
    }

    /// The cases of `plan` not in `other`, and the pairs of `plan` not in `other`.
    private static func entering(_ plan: ResolvedPlan, leaving other: ResolvedPlan) -> ([String], [ResolvedPlan.Entry]) {
        let otherCases = Set(other.caseIDs)
        let columns = plan.columns
        let otherColumns = Set(other.columns)
        let newColumns = columns.filter { !otherColumns.contains($0) }
        var cases: [String] = []
        var entries: [ResolvedPlan.Entry] = []
        for id in plan.caseIDs {
            if otherCases.contains(id) {
                entries += newColumns.map { ResolvedPlan.Entry(caseID: id, device: $0) }
            } else {
                cases.append(id)
                entries += columns.map { ResolvedPlan.Entry(caseID: id, device: $0) }
            }
        }
        return (cases, entries)
    }
}

extension FieldValue {
    /// The value as a person writes it in a case file.
    package var text: String {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .duration(let seconds): DurationText.format(seconds)
        case .list(let items): items.joined(separator: ", ")
        }
    }
}

extension Step {
    /// Whether this step is a `use:` of one of `blocks`.
    fileprivate func uses(_ blocks: Set<String>) -> Bool {
        if case .use(let id) = kind { return blocks.contains(id) }
        return false
    }
}
