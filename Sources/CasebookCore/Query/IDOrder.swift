import Synchronization

/// A snapshot's cases in id order (`SHOP-9` before `SHOP-10`), sorted the first time a list
/// without filters asks for it and kept with the snapshot: the default case list then takes its
/// page from it instead of scanning every case.
package final class IDOrder: Sendable {
    private let order = Mutex<[Int32]?>(nil)

    package init() {}

    /// The positions in `cases` in ascending id order.
    func positions(of cases: CaseList) -> [Int32] {
        if let sorted = order.withLock({ $0 }) { return sorted }
        let keys = cases.map { OrderKey(value: "", id: $0.id) }
        let sorted = (0..<Int32(keys.count)).sorted { keys[Int($0)] < keys[Int($1)] }
        order.withLock { $0 = sorted }
        return sorted
    }
}

extension Snapshot {
    /// A page of the cases without filters, sorted by id: read from the id order.
    func unfilteredPageByID(_ query: CaseQuery) -> CasePage {
        let positions = idOrder.positions(of: cases)
        let descending = query.sort.descending
        let ordered = descending ? Array(positions.reversed()) : positions
        var start = 0
        if let cursor = query.cursor {
            let after = OrderKey(value: "", id: cursor.id)
            start = ordered.partitioningIndex { position in
                let key = OrderKey(value: "", id: cases[Int(position)].id)
                return descending ? key < after : after < key
            }
        }
        let end = min(start + query.limit, ordered.count)
        let page = ordered[start..<end].map { cases[Int($0)] }
        let next = end < ordered.count ? page.last.map { CaseCursor(sortValue: "", id: $0.id) } : nil
        return CasePage(cases: page, total: cases.count, next: next)
    }
}
