import Testing

@testable import CasebookCore

@Suite struct StepAlignmentTests {
    private static func steps(_ texts: String...) -> [Step.Kind] {
        texts.map { $0.hasPrefix("use ") ? .use(block: String($0.dropFirst(4))) : .action(action: $0, expected: "") }
    }

    /// Each change as `kind from→to`.
    private static func align(_ old: [Step.Kind], _ new: [Step.Kind]) -> [String] {
        StepAlignment.changes(from: old, to: new).map { "\($0.kind.rawValue) \($0.from.map(String.init) ?? "_")→\($0.to.map(String.init) ?? "_")" }
    }

    @Test(arguments: [
        (steps("a", "b", "c"), steps("a", "b", "c"), [String]()),
        (steps("a", "b", "c"), steps("c", "a", "b"), ["moved 3→1"]),
        (steps("a", "b", "c"), steps("a", "c"), ["removed 2→_"]),
        (steps("a", "c"), steps("a", "b", "c"), ["added _→2"]),
        (steps("a", "open the cart", "c"), steps("a", "open the basket", "c"), ["changed 2→2"]),
        (steps("a", "use LOGIN"), steps("a", "use SSO"), ["changed 2→2"]),
        (steps("a", "use LOGIN"), steps("a", "log in by hand"), ["removed 2→_", "added _→2"]),
        (steps("open the cart now", "b", "c"), steps("b", "c", "open the cart later"), ["moved 1→3"]),
        (steps("x y z", "b"), steps("b", "something else entirely"), ["removed 1→_", "added _→2"]),
    ])
    func alignsSteps(old: [Step.Kind], new: [Step.Kind], expected: [String]) {
        #expect(Self.align(old, new) == expected)
    }

    @Test func aMovedStepThatWasEditedToo() {
        let changes = StepAlignment.changes(from: Self.steps("open the cart now", "b"), to: Self.steps("b", "open the cart later"))
        #expect(changes.count == 1)
        #expect(changes.first?.kind == .moved)
        #expect(changes.first?.isEdited == true)
    }
}
