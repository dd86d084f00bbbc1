import CasebookCore
import Testing

@Suite struct WordDiffTests {
    @Test(arguments: [
        ("Open the cart", "Open the basket", "Open the [-cart-]{+basket+}"),
        ("Pay", "Pay now", "Pay{+ now+}"),
        ("A red, big box", "A big box", "A [-red, -]big box"),
        ("", "New", "{+New+}"),
        ("same", "same", "same"),
    ])
    func marksChangedWords(old: String, new: String, expected: String) {
        #expect(WordDiff.marked(from: old, to: new) == expected)
    }

    @Test func joinedSegmentsGiveBothTextsBack() {
        let old = "The cart shows 1 item, and the total.", new = "The basket shows 2 items; and the total!"
        let segments = WordDiff.segments(from: old, to: new)
        #expect(segments.filter { $0.operation != .insert }.map(\.text).joined() == old)
        #expect(segments.filter { $0.operation != .delete }.map(\.text).joined() == new)
    }

    @Test func hugeTextsAreReplacedWhole() {
        let old = String(repeating: "a ", count: 1_000), new = String(repeating: "b ", count: 1_000)
        #expect(WordDiff.segments(from: old, to: new).map(\.operation) == [.delete, .insert])
    }
}
