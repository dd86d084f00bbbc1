import Testing

@testable import CasebookCore

/// A search's words (`q=`) against a case's title, preconditions and step texts, in any case.
@Suite struct CaseSearchTests {
    static let testCase = TestCase(
        id: "T-1", title: "Pay by CARD at checkout", priority: "medium", type: "functional", automation: Automation(status: .manual), tags: [],
        owner: nil, estimate: nil, preconditions: "Ein Konto mit GRÖSSE L",
        steps: [Step(.action(action: "Öffne den Warenkorb", expected: "Оплата ПРОШЛА"), at: .start), Step(.use(block: "LOGIN"), at: .start)],
        requirements: [], links: [], fields: [:], path: "cases/pay.yaml", group: "", contentID: "", idMark: .start)

    @Test(arguments: [
        ("card", true), ("pay", true), ("checkout", true), ("at", true), ("by card at checkout", true), ("cards", false),
        ("konto", true), ("grösse", true), ("warenkorb", true), ("öffne", true), ("прошла", true), ("оплата прошла", true),
        ("login", false), ("checkout ein", false), ("l", true), ("x", false),
    ])
    func aWordIsFoundInAnyCaseWithinOneText(word: String, found: Bool) {
        #expect(Self.testCase.mentions(word) == found, "\(word)")
    }

    @Test func aQueryNeedsEveryWord() {
        var query = CaseQuery()
        query.words = ["card", "warenkorb"]
        #expect(query.matches(Self.testCase))
        query.words = ["card", "login"]
        #expect(!query.matches(Self.testCase))
    }
}
