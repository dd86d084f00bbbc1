import GRDB
import GRDBSQLite

/// Runs a prepared statement once per row with its values bound straight through SQLite's C
/// API, without the boxing of GRDB's `StatementArguments`: for the loops over many thousands of
/// rows (a bulk of results).
struct RowBinder {
    private let statement: SQLiteStatement

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
    }

    /// Binds one row's values with `bind`, then runs the statement, handing `answer` each row
    /// it answers with (`RETURNING`); throws SQLite's error.
    func execute(in db: Database, _ bind: (RowBinder) throws -> Void, answer: (RowBinder) -> Void = { _ in }) throws {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        try bind(self)
        var code = sqlite3_step(statement)
        while code == SQLITE_ROW {
            answer(self)
            code = sqlite3_step(statement)
        }
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Binds parameter `index` (from 1) to `value`, or `NULL`.
    func integer(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    func double(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    func text(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                if let start = text.baseAddress {
                    _ = sqlite3_bind_text(statement, index, start, Int32(text.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                }
            }
        }
    }

    /// The text in column `index` (from 0) of the row answered, or `nil` for `NULL`.
    func column(_ index: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, index) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, index))), as: UTF8.self)
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
