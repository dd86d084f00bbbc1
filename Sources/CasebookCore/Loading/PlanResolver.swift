/// Resolves plans to their (case, device) matrix and checks what they refer to.
struct PlanResolver: Sendable {
    let settings: ProjectSettings
    let groups: [String: CaseGroup]
    let indexes: CaseIndexes

    /// The plan's matrix over `cases` (in path order): included cases in include order (each
    /// selector's matches in path order), less the excluded ones, each on every device of the plan.
    func resolve(_ plan: Plan, cases: [TestCase]) -> ResolvedPlan {
        var segments = [[TestCase]](repeating: [], count: plan.include.count)
        // Through a buffer's subscript, so that matching borrows each case instead of copying it.
        cases.withUnsafeBufferPointer { cases in
            for testCase in cases {
                if let segment = Self.segment(of: testCase, in: plan) { segments[segment].append(testCase) }
            }
        }
        return finish(plan, segments: segments, uniqueIDs: indexes.hasUniqueIDs(among: cases))
    }

    /// `resolved` once the cases `removed` left the snapshot and `inserted` entered it; every id
    /// is used by one case only, before and after.
    func update(_ resolved: ResolvedPlan, of plan: Plan, removing removed: [TestCase], inserting inserted: [TestCase]) -> ResolvedPlan {
        var segments = resolved.segments
        for index in segments.indices {
            let leaving = removed.filter { Self.segment(of: $0, in: plan) == index }
            let entering = inserted.filter { Self.segment(of: $0, in: plan) == index }
            if leaving.isEmpty, entering.isEmpty { continue }
            segments[index] = segments[index].replacing(keys: leaving.map(\.path), with: entering, key: \.path)
        }
        return finish(plan, segments: segments, uniqueIDs: true)
    }

    /// Which include selector brings `testCase` into `plan` (the first that matches it), or `nil`
    /// when none does or an exclude selector takes it out.
    private static func segment(of testCase: TestCase, in plan: Plan) -> Int? {
        guard let index = plan.include.firstIndex(where: { $0.matches(testCase) }),
            !plan.exclude.contains(where: { $0.matches(testCase) })
        else { return nil }
        return index
    }

    /// The plan's case ids from its segments (where an id is used twice, its first case in plan
    /// order), its devices, and its findings.
    private func finish(_ plan: Plan, segments: [[TestCase]], uniqueIDs: Bool) -> ResolvedPlan {
        var selected: [String] = []
        if uniqueIDs {
            selected = segments.joined().map(\.id)
        } else {
            var seen: Set<String> = []
            selected = segments.joined().lazy.map(\.id).filter { seen.insert($0).inserted }
        }
        var findings = references(of: plan)
        let deviceIDs = settings.devices.map(\.id)
        var devices: [String] = []
        for device in plan.devices {
            if deviceIDs.contains(device.value) {
                if !devices.contains(device.value) { devices.append(device.value) }
            } else {
                findings.append(
                    Finding(
                        .planUnknownDevice, file: plan.path, at: device.mark,
                        "no device '\(device.value)' in casebook.yaml\(Suggestion.hint(for: device.value, in: deviceIDs)) (declared: \(deviceIDs.isEmpty ? "none" : deviceIDs.joined(separator: ", ")))"))
            }
        }
        if selected.isEmpty {
            findings.append(Finding(.planEmpty, file: plan.path, at: plan.idMark, "plan '\(plan.id)' selects no case; check its include and exclude"))
        }
        return ResolvedPlan(planID: plan.id, caseIDs: selected, devices: devices, findings: findings, segments: segments)
    }

    /// Selectors that name a case, group, tag or priority the snapshot does not have.
    private func references(of plan: Plan) -> [Finding] {
        var findings: [Finding] = []
        func report(_ rule: Rule, _ mark: Located<String>, _ message: String) {
            findings.append(Finding(rule, file: plan.path, at: mark.mark, message))
        }
        let caseIDs = indexes.byID.keys, tags = indexes.tagCounts.keys
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
        return findings
    }
}
