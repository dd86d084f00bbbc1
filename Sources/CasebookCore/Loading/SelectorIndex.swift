/// The selectors of a plan's `include` or `exclude`, arranged so that finding the first one a
/// case meets tries only those that can match it: each selector is filed under one of its
/// criteria (the case it names, else its group, its first tag or its priorities), and a case
/// looks up its id, its group and those above, its tags and its priority. A plan naming 3,000
/// cases made every case of a 100,000-case repository try 3,000 selectors.
struct SelectorIndex: Sendable {
    private let byCaseID: [String: [Int]]
    private let byGroup: [String: [Int]]
    private let byTag: [String: [Int]]
    private let byPriority: [String: [Int]]
    /// Selectors without a criterion (they match every case).
    private let others: [Int]
    private let selectors: [Selector]

    init(_ selectors: [Selector]) {
        var byCaseID: [String: [Int]] = [:], byGroup: [String: [Int]] = [:], byTag: [String: [Int]] = [:], byPriority: [String: [Int]] = [:]
        var others: [Int] = []
        for (position, selector) in selectors.enumerated() {
            if let id = selector.caseID {
                byCaseID[id.value, default: []].append(position)
            } else if let group = selector.group, !group.value.isEmpty {
                byGroup[group.value, default: []].append(position)
            } else if let tag = selector.tags.first {
                byTag[tag.value, default: []].append(position)
            } else if !selector.priorities.isEmpty {
                for priority in Set(selector.priorities.map(\.value)) { byPriority[priority, default: []].append(position) }
            } else {
                others.append(position)
            }
        }
        (self.byCaseID, self.byGroup, self.byTag, self.byPriority, self.others) = (byCaseID, byGroup, byTag, byPriority, others)
        self.selectors = selectors
    }

    /// The position of the first selector `testCase` meets, if any.
    func firstMatch(_ testCase: TestCase) -> Int? {
        var first: Int?
        func consider(_ positions: [Int]?) {
            guard let positions else { return }
            for position in positions {
                if let first, first <= position { return }
                if selectors[position].matches(testCase) {
                    first = position
                    return
                }
            }
        }
        consider(byCaseID[testCase.id])
        if !byGroup.isEmpty {
            var group = Substring(testCase.group)
            while !group.isEmpty {
                consider(byGroup[String(group)])
                group = group.lastIndex(of: "/").map { group[..<$0] } ?? ""
            }
        }
        if !byTag.isEmpty { for tag in testCase.tags { consider(byTag[tag]) } }
        consider(byPriority[testCase.priority])
        consider(others)
        return first
    }
}
