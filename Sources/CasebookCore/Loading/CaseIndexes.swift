/// The lookups a snapshot keeps over its cases. Built once from every case; a snapshot derived
/// from the previous one updates them case by case instead.
struct CaseIndexes: Sendable {
    /// Each id's case (the first by path when an id is used twice).
    private var byID: OverlaidDictionary<TestCase>
    /// The ids of the cases that carry each tag, in no particular order.
    private(set) var idsByTag: [String: [String]] = [:]
    /// How many cases each group holds, with those of the groups below it.
    private(set) var totals: [String: Int] = [:]

    /// The indexes of `cases`, given in path order.
    init(cases: [TestCase]) {
        var byID: [String: TestCase] = [:]
        byID.reserveCapacity(cases.count)
        for testCase in cases where byID[testCase.id] == nil { byID[testCase.id] = testCase }
        self.byID = OverlaidDictionary(byID)
        for testCase in cases {
            for tag in Self.distinctTags(of: testCase) { idsByTag[tag, default: []].append(testCase.id) }
            countInGroups(testCase, by: 1)
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
    func hasUniqueIDs(among cases: [TestCase]) -> Bool {
        byID.count == cases.count
    }

    /// Takes out a case whose id no other case uses.
    mutating func remove(_ testCase: TestCase) {
        if byID[testCase.id] === testCase { byID[testCase.id] = nil }
        for tag in Self.distinctTags(of: testCase) {
            idsByTag[tag]?.removeAll { $0 == testCase.id }
            if idsByTag[tag]?.isEmpty == true { idsByTag[tag] = nil }
        }
        countInGroups(testCase, by: -1)
    }

    /// Adds a case whose id no other case uses.
    mutating func insert(_ testCase: TestCase) {
        byID[testCase.id] = testCase
        for tag in Self.distinctTags(of: testCase) { idsByTag[tag, default: []].append(testCase.id) }
        countInGroups(testCase, by: 1)
    }

    private mutating func countInGroups(_ testCase: TestCase, by step: Int) {
        for group in CaseGroup.lineage(of: testCase.group) { totals[group] = Self.adding(step, to: totals[group]) }
    }

    /// The case's tags, each once (a file may repeat one).
    private static func distinctTags(of testCase: TestCase) -> some Sequence<String> {
        let tags = testCase.tags
        return tags.enumerated().lazy.filter { !tags[..<$0.offset].contains($0.element) }.map(\.element)
    }

    /// A count changed by `step`; `nil` (not counted) at zero.
    private static func adding(_ step: Int, to count: Int?) -> Int? {
        let sum = (count ?? 0) + step
        return sum == 0 ? nil : sum
    }
}
