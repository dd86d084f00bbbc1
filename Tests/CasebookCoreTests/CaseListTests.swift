import Testing

@testable import CasebookCore

@Suite struct CaseListTests {
    static func testCase(_ number: Int) -> TestCase {
        TestCase(
            id: "T-\(number)", title: "Case \(number)", priority: "medium", type: "functional", automation: Automation(status: .manual), tags: [],
            owner: nil, estimate: nil, preconditions: nil, steps: [], requirements: [], links: [], fields: [:],
            path: "cases/" + String(number + 100_000), group: "", contentID: "", idMark: .start)
    }

    @Test func replacingCopiesTheChangedChunksAndKeepsPathOrder() {
        let all = (0..<5_000).map(Self.testCase)
        var expected = Array(all.filter { $0.id.hasSuffix("0") })  // 500 cases in one list
        var list = CaseList(expected)
        #expect(list.count == 500 && list.map(\.id) == expected.map(\.id))

        // Grow one chunk past twice its size (it splits), empty another, change cases across the list.
        let inserted = all.filter { !$0.id.hasSuffix("0") && $0.path < "cases/102500" }
        let removed = expected.filter { $0.path >= "cases/104000" }
        list = list.replacing(paths: removed.map(\.path), with: inserted.shuffled())
        expected = (expected.filter { $0.path < "cases/104000" } + inserted).sorted { $0.path < $1.path }
        #expect(list.map(\.path) == expected.map(\.path))
        #expect(list.indices.map { list[$0].path } == expected.map(\.path))
        #expect(Array(list).count == expected.count && list.last?.path == expected.last?.path)

        // The same path out and in: an edited case takes the old one's place.
        let edited = Self.testCase(1_230)
        list = list.replacing(paths: [edited.path], with: [edited])
        #expect(list.count == expected.count && list.first { $0.path == edited.path } === edited)
        #expect(CaseList([]).replacing(paths: [], with: [edited]).map(\.id) == ["T-1230"])
        #expect(list.replacing(paths: list.map(\.path), with: []).isEmpty)
    }
}
