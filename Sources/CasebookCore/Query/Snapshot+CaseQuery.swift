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
    /// Only the page is kept in order as the cases are scanned, never every match.
    package func cases(matching query: CaseQuery) -> CasePage {
        if query.hasNoFilters, query.sort.key == .id { return unfilteredPageByID(query) }
        let descending = query.sort.descending
        let precedes: (OrderKey, OrderKey) -> Bool = descending ? { $0 > $1 } : { $0 < $1 }
        let after = query.cursor.map { OrderKey(value: $0.sortValue, id: $0.id) }
        var page: [(key: OrderKey, index: Int)] = []
        page.reserveCapacity(query.limit + 1)
        var total = 0
        var following = 0
        cases.forEach(admittedBy: SignatureFilter(query)) { index, testCase in
            guard query.matches(testCase) else { return }
            total += 1
            let key = OrderKey(value: sortValue(of: testCase, by: query.sort.key), id: testCase.id)
            if let after, !precedes(after, key) { return }
            following += 1
            if page.count == query.limit, let last = page.last, !precedes(key, last.key) { return }
            let position = page.partitioningIndex { precedes(key, $0.key) }
            page.insert((key, index), at: position)
            if page.count > query.limit { page.removeLast() }
        }
        let next = following > query.limit ? page.last.map { CaseCursor(sortValue: $0.key.value, id: $0.key.id) } : nil
        return CasePage(cases: page.map { cases[$0.index] }, total: total, next: next)
    }

    /// What `testCase` is sorted by for `key`, as text that sorts in the right order.
    private func sortValue(of testCase: TestCase, by key: CaseSort.Key) -> String {
        switch key {
        case .id: ""
        case .title: testCase.title.lowercased()
        case .priority: String(UnicodeScalar(UInt8(min(settings.priorities.firstIndex(of: testCase.priority) ?? settings.priorities.count, 255))))
        case .type: testCase.type
        case .automation: testCase.automation.status.rawValue
        case .owner: testCase.owner ?? ""
        case .path: testCase.path
        }
    }
}

/// Where a case goes in a sorted list: by its sort value, then by id with the id's trailing
/// number compared as a number (`SHOP-9` before `SHOP-10`).
struct OrderKey: Comparable {
    let value: String
    let id: String
    private let stem: Substring
    private let number: Int

    init(value: String, id: String) {
        self.value = value
        self.id = id
        let digits = id.utf8.reversed().prefix(while: \.isASCIIDigit).count
        let split = id.utf8.index(id.utf8.endIndex, offsetBy: -min(digits, 18))
        stem = id[..<split]
        number = Int(id[split...]) ?? -1
    }

    static func < (left: OrderKey, right: OrderKey) -> Bool {
        (left.value, left.stem, left.number, left.id) < (right.value, right.stem, right.number, right.id)
    }

    static func == (left: OrderKey, right: OrderKey) -> Bool {
        left.value == right.value && left.id == right.id
    }
}
