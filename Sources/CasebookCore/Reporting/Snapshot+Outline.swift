extension Snapshot {
    /// The repository as a person skims it: the project, the group tree with each group's cases,
    /// and each plan with the size of its matrix.
    package func outline() -> String {
        var out =
            "\(settings.name) (\(settings.key)): \(cases.count) cases in \(groups.count) groups, \(plans.count) plans, \(settings.devices.count) devices\n"
        let byGroup = Dictionary(grouping: cases, by: \.group)
        for testCase in byGroup[""] ?? [] { out += "  \(testCase.id)  [\(testCase.priority)]  \(testCase.title)\n" }
        func walk(_ group: CaseGroup, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            out += "\n\(indent)\(group.id) — \(group.title) (\(caseCount(inGroup: group.id)))\n"
            for testCase in byGroup[group.id] ?? [] { out += "\(indent)  \(testCase.id)  [\(testCase.priority)]  \(testCase.title)\n" }
            for child in subgroups(of: group.id) { walk(child, depth: depth + 1) }
        }
        for group in subgroups(of: nil) { walk(group, depth: 1) }
        if !plans.isEmpty { out += "\nplans\n" }
        for plan in plans {
            let resolved = resolvedPlans[plan.id]
            let devices = plan.devices.isEmpty ? "no devices" : plan.devices.map(\.value).joined(separator: ", ")
            out += "  \(plan.id)  \(plan.title): \(resolved?.caseIDs.count ?? 0) cases × \(devices) = \(resolved?.entries.count ?? 0) executions\n"
        }
        return out
    }
}
