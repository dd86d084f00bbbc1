/// Resolves plans to their (case, device) matrix and checks what they refer to.
struct PlanResolver: Sendable {
    let settings: ProjectSettings
    let groups: [String: CaseGroup]
    let indexes: CaseIndexes
    /// "Did you mean" for the case ids, groups and tags that plans name and the snapshot lacks.
    private let caseIDHints: Suggestions, groupHints: Suggestions, tagHints: Suggestions

    init(settings: ProjectSettings, groups: [String: CaseGroup], indexes: CaseIndexes) {
        self.settings = settings
        self.groups = groups
        self.indexes = indexes
        caseIDHints = Suggestions { indexes.caseIDs }
        groupHints = Suggestions { Array(groups.keys) }
        tagHints = Suggestions { Array(indexes.tagCounts.keys) }
    }

    /// Which cases of `cases` (in path order) each include selector of each plan brings in, for
    /// ``resolve(_:cases:)`` (less the excluded ones). Needs no index: a load matches while its
    /// case index is built.
    static func match(_ plans: [Plan], in cases: [TestCase]) -> Matches {
        // The cases are matched in slices across every core, each slice against every plan (a few
        // plans alone would leave a core idle).
        let sliceSize = 2048
        let selectors = plans.map(PlanSelectors.init)
        let slices = Array(stride(from: 0, to: cases.count, by: sliceSize)).parallelMap { start in
            selectors.map { selectors in
                var segments = [[String]](repeating: [], count: selectors.includeCount)
                for testCase in cases[start..<Swift.min(start + sliceSize, cases.count)] {
                    if let segment = selectors.segment(of: testCase) { segments[segment].append(testCase.id) }
                }
                return segments
            }
        }
        return Matches(plans: plans, slices: slices)
    }

    /// The case ids each include selector of some plans matched, slice by slice of the cases:
    /// `slices[slice][plan][selector]`.
    struct Matches {
        let plans: [Plan]
        fileprivate let slices: [[[[String]]]]
    }

    /// Each plan's matrix over `cases` (in path order), for plans with ids of their own: included
    /// cases in include order (each selector's matches in path order), less the excluded ones, each
    /// on every device of the plan. Where two cases use one id, the first in that order is selected.
    func resolve(_ matches: Matches, cases: [TestCase]) -> [ResolvedPlan] {
        let plans = matches.plans
        let uniqueIDs = indexes.hasUniqueIDs(among: cases)
        return plans.indices.map { index in
            var seen: Set<String>? = uniqueIDs ? nil : []
            var caseIDs: [String] = [], ends: [Int] = []
            for segment in plans[index].include.indices {
                for slice in matches.slices {
                    for id in slice[index][segment] where seen?.insert(id).inserted ?? true { caseIDs.append(id) }
                }
                ends.append(caseIDs.count)
            }
            return finish(plans[index], caseIDs: caseIDs, segmentEnds: ends)
        }
    }

    /// `resolved` once the cases `removed` left the snapshot whose indexes are `previous` and
    /// `inserted` entered it; every id is used by one case only, before and after.
    func update(
        _ resolved: ResolvedPlan, of plan: Plan, in previous: CaseIndexes, removing removed: [TestCase], inserting inserted: [TestCase]
    ) -> ResolvedPlan {
        let selectors = PlanSelectors(plan)
        let leavingSegments = removed.map(selectors.segment), enteringSegments = inserted.map(selectors.segment)
        var caseIDs: [String] = [], ends: [Int] = []
        caseIDs.reserveCapacity(resolved.caseIDs.count + inserted.count)
        var start = 0
        for (index, end) in resolved.segmentEnds.enumerated() {
            let segment = resolved.caseIDs[start..<end]
            start = end
            let leaving = zip(removed, leavingSegments).filter { $0.1 == index }.map(\.0.path)
            let entering = zip(inserted, enteringSegments).filter { $0.1 == index }.map { (key: $0.0.path, element: $0.0.id) }
            if leaving.isEmpty, entering.isEmpty {
                caseIDs += segment
            } else {
                caseIDs += Array(segment).replacing(keys: leaving, with: entering) { previous.testCase($0)?.path ?? "" }
            }
            ends.append(caseIDs.count)
        }
        return finish(plan, caseIDs: caseIDs, segmentEnds: ends)
    }

    /// The resolved plan of `caseIDs`, with its devices and findings.
    private func finish(_ plan: Plan, caseIDs: [String], segmentEnds: [Int]) -> ResolvedPlan {
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
                        "no device '\(device.value)' in casebook.yaml\(Suggestion.hint(for: device.value, in: deviceIDs)) (declared: \(deviceIDs.isEmpty ? "none" : deviceIDs.joined(separator: ", ")))"
                    ))
            }
        }
        if caseIDs.isEmpty {
            findings.append(Finding(.planEmpty, file: plan.path, at: plan.idMark, "plan '\(plan.id)' selects no case; check its include and exclude"))
        }
        return ResolvedPlan(planID: plan.id, caseIDs: caseIDs, devices: devices, findings: findings, segmentEnds: segmentEnds)
    }

    /// Selectors that name a case, group, tag or priority the snapshot does not have.
    private func references(of plan: Plan) -> [Finding] {
        var findings: [Finding] = []
        func report(_ rule: Rule, _ mark: Located<String>, _ message: String) {
            findings.append(Finding(rule, file: plan.path, at: mark.mark, message))
        }
        for selector in plan.include + plan.exclude {
            if let id = selector.caseID, indexes.testCase(id.value) == nil {
                report(.planUnknownCase, id, "no case has id '\(id.value)'\(caseIDHints.hint(for: id.value)); fix the id or remove the selector")
            }
            if let group = selector.group, groups[group.value] == nil {
                report(.planUnknownGroup, group, "no group '\(group.value)' under cases/\(groupHints.hint(for: group.value)); fix the path")
            }
            for tag in selector.tags where indexes.tagCounts[tag.value] == nil {
                report(.planUnknownTag, tag, "no case is tagged '\(tag.value)'\(tagHints.hint(for: tag.value)); this selector matches nothing")
            }
            for priority in selector.priorities where !settings.priorities.contains(priority.value) {
                report(
                    .planUnknownPriority, priority,
                    "unknown priority '\(priority.value)'\(Suggestion.hint(for: priority.value, in: settings.priorities)) (allowed: \(settings.priorities.joined(separator: ", ")))"
                )
            }
        }
        return findings
    }
}

/// A plan's include and exclude selectors, indexed.
private struct PlanSelectors: Sendable {
    let include: SelectorIndex, exclude: SelectorIndex
    let includeCount: Int

    init(_ plan: Plan) {
        include = SelectorIndex(plan.include)
        exclude = SelectorIndex(plan.exclude)
        includeCount = plan.include.count
    }

    /// Which include selector brings `testCase` into the plan (the first that matches it), or
    /// `nil` when none does or an exclude selector takes it out.
    func segment(of testCase: TestCase) -> Int? {
        guard let index = include.firstMatch(testCase), exclude.firstMatch(testCase) == nil else { return nil }
        return index
    }
}
