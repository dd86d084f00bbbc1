/// The lookups a snapshot keeps over its cases. Built once from every case; a snapshot derived
/// from the previous one updates them case by case instead.
struct CaseIndexes: Sendable {
    /// Each id's case (the first by path when an id is used twice).
    private var byID: OverlaidDictionary<TestCase>
    /// How many cases carry each tag.
    private(set) var tagCounts: [String: Int] = [:]
    /// How many cases each group holds, with those of the groups below it.
    private(set) var totals: [String: Int] = [:]

    /// The indexes of `cases`, given in path order.
    init(cases: [TestCase]) {
        var byID: [String: TestCase] = [:]
        byID.reserveCapacity(cases.count)
        // One pass over the cases (each pass reads 100,000 objects spread over the heap). Backwards,
        // so that of two cases with one id the first by path is stored last. Groups are counted per
        // run of cases in one group first (cases come in path order, so the cases of a group follow
        // each other), then for the groups above.
        var inGroup: [String: Int] = [:]
        var run = (group: "", count: 0)
        for testCase in cases.reversed() {
            byID[testCase.id] = testCase
            for tag in testCase.tags { tagCounts[tag, default: 0] += 1 }
            if testCase.group != run.group {
                if run.count > 0 { inGroup[run.group, default: 0] += run.count }
                run = (testCase.group, 0)
            }
            run.count += 1
        }
        if run.count > 0 { inGroup[run.group, default: 0] += run.count }
        self.byID = OverlaidDictionary(byID)
        for (group, count) in inGroup {
            for id in CaseGroup.lineage(of: group) { totals[id, default: 0] += count }
        }
    }

    /// The case with `id`.
    func testCase(_ id: String) -> TestCase? {
        byID[id]
    }

    /// Every case id, in no particular order.
    var caseIDs: [String] {
        byID.keys
    }

    /// Whether every case has an id of its own.
    func hasUniqueIDs(among cases: some Collection<TestCase>) -> Bool {
        byID.count == cases.count
    }

    /// Takes out a case whose id no other case uses.
    mutating func remove(_ testCase: TestCase) {
        if byID[testCase.id] === testCase { byID[testCase.id] = nil }
        count(testCase, by: -1)
    }

    /// Adds a case whose id no other case uses.
    mutating func insert(_ testCase: TestCase) {
        byID[testCase.id] = testCase
        count(testCase, by: 1)
    }

    private mutating func count(_ testCase: TestCase, by step: Int) {
        for tag in testCase.tags { tagCounts[tag] = Self.adding(step, to: tagCounts[tag]) }
        for group in CaseGroup.lineage(of: testCase.group) { totals[group] = Self.adding(step, to: totals[group]) }
    }

    /// A count changed by `step`; `nil` (not counted) at zero.
    private static func adding(_ step: Int, to count: Int?) -> Int? {
        let sum = (count ?? 0) + step
        return sum == 0 ? nil : sum
    }
}
