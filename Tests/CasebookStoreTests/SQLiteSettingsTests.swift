import CSQLite
import CasebookStore
import Testing

@Suite struct SQLiteSettingsTests {
    @Test func sqliteKeepsNoMemoryStatistics() async throws {
        let store = try await StoreFixture()
        _ = try await store.run()
        // With statistics on, SQLite counts every byte it holds under a process-wide mutex.
        #expect(sqlite3_memory_used() == 0)
        #expect(sqlite3_memory_highwater(0) == 0)
    }
}
