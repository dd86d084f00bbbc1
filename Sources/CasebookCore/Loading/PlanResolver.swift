/// Resolves plans to their (case, device) matrix and checks what they refer to.
struct PlanResolver {
    let settings: ProjectSettings
    let cases: [TestCase]
    let groups: [String: CaseGroup]
    private let caseIDs: Set<String>
    private let tags: Set<String>

    init(settings: ProjectSettings, cases: [TestCase], groups: [String: CaseGroup]) {
        self.settings = settings
        self.cases = cases
        self.groups = groups
        caseIDs = Set(cases.map(\.id))
        tags = Set(cases.flatMap(\.tags))
    }

    /// The plan's matrix: included cases in include order (each selector's matches in path
    /// order), less the excluded ones, each on every device of the plan.
    func resolve(_ plan: Plan) -> (ResolvedPlan, [Finding]) {
        var findings: [Finding] = []
        func report(_ rule: Rule, _ mark: Located<String>, _ message: String) {
            findings.append(Finding(rule, file: plan.path, at: mark.mark, message))
        }
        for selector in plan.include + plan.exclude {
            if let id = selector.caseID, !caseIDs.contains(id.value) {
                report(.planUnknownCase, id, "no case has id '\(id.value)'\(Suggestion.hint(for: id.value, in: caseIDs)); fix the id or remove the selector")
            }
            if let group = selector.group, groups[group.value] == nil {
                report(.planUnknownGroup, group, "no group '\(group.value)' under cases/\(Suggestion.hint(for: group.value, in: groups.keys)); fix the path")
            }
            for tag in selector.tags where !tags.contains(tag.value) {
                report(.planUnknownTag, tag, "no case is tagged '\(tag.value)'\(Suggestion.hint(for: tag.value, in: tags)); this selector matches nothing")
            }
            for priority in selector.priorities where !settings.priorities.contains(priority.value) {
                report(
                    .planUnknownPriority, priority,
                    "unknown priority '\(priority.value)'\(Suggestion.hint(for: priority.value, in: settings.priorities)) (allowed: \(settings.priorities.joined(separator: ", ")))")
            }
        }
        let deviceIDs = settings.devices.map(\.id)
        var devices: [String] = []
        for device in plan.devices {
            if deviceIDs.contains(device.value) {
                if !devices.contains(device.value) { devices.append(device.value) }
            } else {
                report(
                    .planUnknownDevice, device,
                    "no device '\(device.value)' in casebook.yaml\(Suggestion.hint(for: device.value, in: deviceIDs)) (declared: \(deviceIDs.isEmpty ? "none" : deviceIDs.joined(separator: ", ")))")
            }
        }

        var selected: [String] = []
        var seen: Set<String> = []
        // Through a buffer's subscript, so that matching borrows each case instead of copying it.
        cases.withUnsafeBufferPointer { cases in
            for selector in plan.include {
                for index in cases.indices where selector.matches(cases[index]) {
                    let id = cases[index].id
                    if seen.contains(id) || plan.exclude.contains(where: { $0.matches(cases[index]) }) { continue }
                    seen.insert(id)
                    selected.append(id)
                }
            }
        }
        if selected.isEmpty {
            findings.append(Finding(.planEmpty, file: plan.path, at: plan.idMark, "plan '\(plan.id)' selects no case; check its include and exclude"))
        }
        let columns = ResolvedPlan.columns(devices)
        let entries = selected.flatMap { id in columns.map { ResolvedPlan.Entry(caseID: id, device: $0) } }
        return (ResolvedPlan(planID: plan.id, caseIDs: selected, entries: entries, devices: devices), findings)
    }
}
