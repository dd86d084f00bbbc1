import GRDB

/// Which page of a list ordered by row id to read. Pages follow the ids (keyset pagination): a
/// row added while a client pages through a list never repeats a row or pushes one off its page.
package struct PageRequest: Sendable {
    /// At most this many rows; `nil`: every row.
    package var limit: Int?
    /// Only the rows that come after this id in the list's order (the previous page's last row).
    package var after: Int64?

    package init(limit: Int?, after: Int64? = nil) {
        self.limit = limit
        self.after = after
    }

    /// The whole list.
    package static let everything = PageRequest(limit: nil)
}

/// One page of a list, with the number of rows the whole list has.
package struct Page<Row> {
    package var rows: [Row]
    /// The rows of every page together.
    package var total: Int
    /// The id to ask for the next page after; `nil` on the last page.
    package var next: Int64?

    package init(rows: [Row], total: Int, next: Int64?) {
        self.rows = rows
        self.total = total
        self.next = next
    }
}

extension Page: Sendable where Row: Sendable {}

extension QueryInterfaceRequest where RowDecoder: FetchableRecord {
    /// The page `page` of the rows this request selects, ordered by their `id` column (newest
    /// first when `descending`); `id` reads a fetched row's id. `known` is the rows' number when
    /// the caller has it without counting them.
    func page(
        _ page: PageRequest, descending: Bool = false, id: (RowDecoder) -> Int64?, in db: Database, total known: Int? = nil
    ) throws -> Page<RowDecoder> {
        let total = try known ?? fetchCount(db)
        let column = Column("id")
        var request = order(descending ? column.desc : column)
        if let after = page.after { request = request.filter(descending ? column < after : column > after) }
        guard let limit = page.limit else { return Page(rows: try request.fetchAll(db), total: total, next: nil) }
        var rows = try request.limit(limit + 1).fetchAll(db)
        let more = rows.count > limit
        if more { rows.removeLast() }
        return Page(rows: rows, total: total, next: more ? rows.last.flatMap(id) : nil)
    }
}
