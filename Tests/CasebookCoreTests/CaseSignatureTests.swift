import Testing

@testable import CasebookCore

@Suite struct CaseSignatureTests {
    static let tags = ["smoke", "regression", "checkout", "mobile", "web", "slow", "flaky", "api"]
    static let priorities = ["critical", "high", "medium", "low"]
    static let types = ["functional", "regression", "smoke", "usability"]
    static let owners = ["ana", "ben", "chen"]

    static func testCase(_ number: Int, using random: inout some RandomNumberGenerator) -> TestCase {
        TestCase(
            id: "T-\(number)", title: "Case \(number)", priority: priorities.randomElement(using: &random)!,
            type: types.randomElement(using: &random)!, automation: Automation(status: AutomationStatus.allCases.randomElement(using: &random)!),
            tags: Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
            owner: Bool.random(using: &random) ? owners.randomElement(using: &random) : nil, estimate: nil, preconditions: nil, steps: [],
            requirements: Bool.random(using: &random) ? ["REQ-\(Int.random(in: 1...5, using: &random))"] : [], links: [], fields: [:],
            path: "cases/" + String(number + 100_000), group: "", contentID: "", idMark: .start)
    }

    static func query(using random: inout some RandomNumberGenerator) -> CaseQuery {
        var query = CaseQuery()
        query.tags = Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
        query.priorities = Array(priorities.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
        query.types = Array(types.shuffled(using: &random).prefix(Int.random(in: 0...1, using: &random)))
        query.automation = Array(AutomationStatus.allCases.shuffled(using: &random).prefix(Int.random(in: 0...1, using: &random)))
        query.owners = Array(owners.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
        query.requirement = Bool.random(using: &random) ? "REQ-\(Int.random(in: 1...6, using: &random))" : nil
        return query
    }

    @Test func theSignatureFilterKeepsEveryMatchAndSkipsMostOthers() {
        var random = SplitMix64(seed: 20_261_207)
        let cases = (0..<3_000).map { Self.testCase($0, using: &random) }
        // A list built whole, then with a third of its cases replaced: new chunks carry new signatures.
        let replaced = cases.filter { $0.path.hasSuffix("3") }
        let renewed = replaced.map { Self.testCase(Int($0.path.dropFirst("cases/".count))! - 100_000, using: &random) }
        let lists = [CaseList(cases), CaseList(cases).replacing(paths: replaced.map(\.path), with: renewed)]
        var skipped = 0, failing = 0
        for _ in 0..<200 {
            let query = Self.query(using: &random)
            for list in lists {
                var admitted: [Int] = []
                list.forEach(admittedBy: SignatureFilter(query)) { index, testCase in
                    #expect(list[index] === testCase)
                    admitted.append(index)
                }
                let matching = list.indices.filter { query.matches(list[$0]) }
                #expect(Set(matching).isSubset(of: admitted), "a matching case was skipped")
                failing += list.count - matching.count
                skipped += list.count - admitted.count
            }
        }
        #expect(Double(skipped) > 0.5 * Double(failing), "the signatures skip \(skipped) of \(failing) cases that fail their query")
    }
}
