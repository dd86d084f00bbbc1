import CasebookCore
import CasebookStore

/// How a page of a list appears in responses: `total` (rows on every page), `nextCursor` (pass
/// it as `cursor` for the next page; `null` on the last) and the rows under `key`.
enum PageJSON {
    static func members<Row>(_ page: Page<Row>, _ key: String, _ row: (Row) -> JSONText) -> [(String, JSONText)] {
        [("total", .number(page.total)), ("nextCursor", .optional(page.next.map { String($0) })), (key, .array(page.rows.map(row)))]
    }
}
