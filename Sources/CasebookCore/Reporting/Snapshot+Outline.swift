extension Snapshot {
    /// The repository as a person skims it: the project, each group with its cases, and each
    /// plan with the size of its matrix.
    package func outline() -> String {
        var out = "\(settings.name) (\(settings.key)): \(cases.count) cases in \(groups.count) groups, \(plans.count) plans, \(settings.devices.count) devices\n"
        let byGroup = Dictionary(grouping: cases, by: \.group)
        for group in ([""] + groups.keys.sorted()) {
            let members = byGroup[group] ?? []
            if group.isEmpty && members.isEmpty { continue }
            let depth = group.isEmpty ? 0 : group.split(separator: "/").count
            let indent = String(repeating: "  ", count: depth)
            let title = groups[group]?.title ?? "(top level)"
            out += "\n\(indent)\(group.isEmpty ? "cases" : group) — \(title)\n"
            for testCase in members {
                out += "\(indent)  \(testCase.id)  [\(testCase.priority)]  \(testCase.title)\n"
            }
        }
        if !plans.isEmpty { out += "\nplans\n" }
        for plan in plans {
            let resolved = resolvedPlans[plan.id]
            let devices = plan.devices.isEmpty ? "no devices" : plan.devices.map(\.value).joined(separator: ", ")
            out += "  \(plan.id)  \(plan.title): \(resolved?.caseIDs.count ?? 0) cases × \(devices) = \(resolved?.entries.count ?? 0) executions\n"
        }
        return out
    }
}
