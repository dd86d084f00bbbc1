import CasebookCore

/// How projects, groups, plans, findings and statistics appear in responses.
enum ProjectJSON {
    static func summary(_ project: Project, _ snapshot: Snapshot) -> [(String, JSONText)] {
        [
            ("key", .string(project.key)),
            ("name", .string(snapshot.settings.name)),
            ("description", .optional(snapshot.settings.description)),
            ("followed", .string(project.repository.followed)),
            ("counts", counts(snapshot)),
        ]
    }

    static func detail(_ project: Project, _ snapshot: Snapshot) -> [(String, JSONText)] {
        let settings = snapshot.settings
        return summary(project, snapshot) + [
            (
                "devices",
                .array(
                    settings.devices.map { device in
                        .object([
                            ("id", .string(device.id)), ("name", .string(device.name)), ("platform", .optional(device.platform)),
                            ("os", .optional(device.os)),
                            ("attributes", .object(device.attributes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                        ])
                    })
            ),
            ("priorities", .array(settings.priorities.map(JSONText.string))),
            ("types", .array(settings.types.map(JSONText.string))),
            (
                "fields",
                .array(
                    settings.fields.map { field in
                        .object([
                            ("name", .string(field.name)), ("type", .string(field.type.rawValue)),
                            ("values", .array(field.values.map(JSONText.string))),
                            ("required", .bool(field.required)), ("description", .optional(field.description)),
                        ])
                    })
            ),
        ]
    }

    private static func counts(_ snapshot: Snapshot) -> JSONText {
        .object([
            ("cases", .number(snapshot.cases.count)),
            ("groups", .number(snapshot.groups.count)),
            ("plans", .number(snapshot.plans.count)),
            ("sharedSteps", .number(snapshot.sharedSteps.count)),
            ("errors", .number(snapshot.findings.count(.error))),
            ("warnings", .number(snapshot.findings.count(.warning))),
        ])
    }

    /// A group with its case count; with `depth` > 0, its subgroups too, that many levels down.
    static func group(_ group: CaseGroup, in snapshot: Snapshot, depth: Int) -> JSONText {
        var members: [(String, JSONText)] = [
            ("id", .string(group.id)), ("title", .string(group.title)), ("description", .optional(group.description)),
            ("owner", .optional(group.owner)), ("parent", .optional(group.parent)), ("caseCount", .number(snapshot.caseCount(inGroup: group.id))),
        ]
        if depth > 0 {
            members.append(("groups", .array(snapshot.subgroups(of: group.id).map { Self.group($0, in: snapshot, depth: depth - 1) })))
        }
        return .object(members)
    }

    static func plan(_ plan: Plan, _ resolved: ResolvedPlan?) -> [(String, JSONText)] {
        [
            ("id", .string(plan.id)), ("title", .string(plan.title)), ("description", .optional(plan.description)),
            ("owner", .optional(plan.owner)), ("milestone", .optional(plan.milestone)), ("path", .string(plan.path)),
            ("devices", .array(plan.devices.map { .string($0.value) })),
            ("cases", .number(resolved?.caseIDs.count ?? 0)), ("executions", .number(resolved?.entries.count ?? 0)),
        ]
    }

    /// The (case, device) matrix of a resolved plan and its counts per device.
    static func matrix(_ resolved: ResolvedPlan?) -> [(String, JSONText)] {
        let entries = resolved?.entries ?? []
        var byDevice: [(String, Int)] = []
        for entry in entries {
            let device = entry.device ?? ""
            if let index = byDevice.firstIndex(where: { $0.0 == device }) { byDevice[index].1 += 1 } else { byDevice.append((device, 1)) }
        }
        return [
            ("executionsByDevice", .object(byDevice.map { ($0.0, .number($0.1)) })),
            ("caseIds", .array((resolved?.caseIDs ?? []).map(JSONText.string))),
            ("matrix", .array(entries.map { .object([("case", .string($0.caseID)), ("device", .optional($0.device))]) })),
        ]
    }

    static func finding(_ finding: Finding) -> JSONText {
        .object([
            ("rule", .string(finding.rule.rawValue)), ("severity", .string(finding.severity.rawValue)), ("file", .string(finding.file)),
            ("line", .number(finding.mark.line)), ("column", .number(finding.mark.column)), ("message", .string(finding.message)),
        ])
    }

    static func statistics(_ statistics: CaseStatistics) -> [(String, JSONText)] {
        func counts(_ pairs: [(String, Int)]) -> JSONText { .object(pairs.map { ($0.0, .number($0.1)) }) }
        return [
            ("cases", .number(statistics.cases)),
            ("byPriority", counts(statistics.byPriority)), ("byType", counts(statistics.byType)),
            ("byAutomation", counts(statistics.byAutomation)), ("byTag", counts(statistics.byTag)),
            ("byGroup", counts(statistics.byGroup)), ("byOwner", counts(statistics.byOwner)),
        ]
    }
}
