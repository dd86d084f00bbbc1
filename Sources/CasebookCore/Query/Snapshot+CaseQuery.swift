/// One page of a case list.
package struct CasePage: Sendable {
    package var cases: [TestCase]
    /// How many cases pass the filters, on every page.
    package var total: Int
    /// Where the next page starts; `nil` on the last page.
    package var next: CaseCursor?
}

extension Snapshot {
    /// The cases that pass `query`'s filters, sorted, from its cursor on, at most `limit` of them.
    package func cases(matching query: CaseQuery) -> CasePage {
        let after = query.cursor.map { ($0.sortValue, Self.naturalOrder($0.id)) }
        let descending = query.sort.descending
        var matches: [(value: String, order: String, index: Int)] = []
        var total = 0
        for (index, testCase) in cases.enumerated() where query.matches(testCase) {
            total += 1
            let key = (sortValue(of: testCase, by: query.sort.key), Self.naturalOrder(testCase.id))
            if let after, descending ? key >= after : key <= after { continue }
            matches.append((key.0, key.1, index))
        }
        let inOrder: ((value: String, order: String, index: Int), (value: String, order: String, index: Int)) -> Bool =
            descending ? { ($0.value, $0.order) > ($1.value, $1.order) } : { ($0.value, $0.order) < ($1.value, $1.order) }
        let page = matches.sorted(by: inOrder).prefix(query.limit)
        let next = matches.count > query.limit ? page.last.map { CaseCursor(sortValue: $0.value, id: cases[$0.index].id) } : nil
        return CasePage(cases: page.map { cases[$0.index] }, total: total, next: next)
    }

    /// What `testCase` is sorted by for `key`, as text that sorts in the right order.
    private func sortValue(of testCase: TestCase, by key: CaseSort.Key) -> String {
        switch key {
        case .id: ""
        case .title: testCase.title.lowercased()
        case .priority: Self.padded(settings.priorities.firstIndex(of: testCase.priority) ?? settings.priorities.count)
        case .type: testCase.type
        case .automation: testCase.automation.status.rawValue
        case .owner: testCase.owner ?? ""
        case .path: testCase.path
        }
    }

    /// `id` with every run of digits padded to 20 places, so that `SHOP-9` sorts before `SHOP-10`.
    static func naturalOrder(_ id: String) -> String {
        var out = ""
        var digits = ""
        for character in id {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if !digits.isEmpty {
                out += padded(digits)
                digits = ""
            }
            out.append(character)
        }
        return digits.isEmpty ? out : out + padded(digits)
    }

    private static func padded(_ number: Int) -> String {
        padded(String(number))
    }

    private static func padded(_ digits: String) -> String {
        String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}
