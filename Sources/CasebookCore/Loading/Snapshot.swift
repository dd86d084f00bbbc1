/// One indexed, validated state of a case repository: what every query reads. Immutable, so a
/// reader always sees one whole snapshot.
package struct Snapshot: Sendable {
    package let settings: ProjectSettings
    /// Every case that could be read, ordered by file path.
    package let cases: CaseList
    /// Every group: each folder below `cases/` that holds cases or a `group.yaml`, with its ancestors.
    package let groups: [String: CaseGroup]
    package let sharedSteps: [String: SharedStepBlock]
    /// Every plan that could be read, ordered by file path.
    package let plans: [Plan]
    package let resolvedPlans: [String: ResolvedPlan]
    /// Every finding, in report order.
    package let findings: [Finding]
    /// What each file parsed to: hand it to the next ``load(from:reusing:)`` of the same repository.
    package let parseCache: ParseCache
    /// How many files were parsed to make this snapshot (the others came from the parse cache).
    package let parsedFiles: Int
    let indexes: CaseIndexes
    /// Group ids by their parent ("" for the top level), sorted.
    let childGroups: [String: [String]]
    /// The cases in id order, sorted when first asked for.
    let idOrder = IDOrder()

    init(
        settings: ProjectSettings, cases: CaseList, indexes: CaseIndexes, groups: [String: CaseGroup], sharedSteps: [String: SharedStepBlock],
        plans: [Plan], resolvedPlans: [String: ResolvedPlan], findings: [Finding], parseCache: ParseCache, parsedFiles: Int,
        childGroups: [String: [String]]? = nil
    ) {
        self.settings = settings
        self.cases = cases
        self.indexes = indexes
        self.groups = groups
        self.sharedSteps = sharedSteps
        self.plans = plans
        self.resolvedPlans = resolvedPlans
        self.findings = findings.sorted(by: Finding.reportOrder)
        self.parseCache = parseCache
        self.parsedFiles = parsedFiles
        self.childGroups = childGroups ?? Self.childGroups(of: groups)
    }

    /// Group ids by their parent ("" for the top level), sorted.
    private static func childGroups(of groups: [String: CaseGroup]) -> [String: [String]] {
        var children: [String: [String]] = [:]
        for id in groups.keys.sorted() { children[groups[id]?.parent ?? "", default: []].append(id) }
        return children
    }

    /// The groups directly below `group` (`nil`: the top-level groups), ordered by id.
    package func subgroups(of group: String?) -> [CaseGroup] {
        (childGroups[group ?? ""] ?? []).compactMap { groups[$0] }
    }

    /// How many cases `group` holds, with those of the groups below it.
    package func caseCount(inGroup group: String) -> Int {
        indexes.totals[group] ?? 0
    }

    /// The casebook files that were read (`casebook.yaml`, cases, groups, shared steps, plans), in
    /// no particular order.
    package var files: [String] {
        ["casebook.yaml"] + parseCache.paths
    }

    /// The case with `id`.
    package func testCase(_ id: String) -> TestCase? {
        indexes.testCase(id)
    }
}
