import CasebookStore
import Testing

/// Lists read a page at a time, by id: every row once, in order, to the end.
@Suite struct PageTests {
    @Test func pagesFollowTheIdsToTheEnd() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let all = try await store.database.executions(run: runID, project: "S").rows.compactMap(\.id)
        #expect(all.count == 6)
        for limit in 1...7 {
            var seen: [Int64] = []
            var page = PageRequest(limit: limit)
            var pages = 0
            while true {
                let read = try await store.database.executions(run: runID, project: "S", page: page)
                #expect(read.total == 6 && read.rows.count <= limit)
                seen += read.rows.compactMap(\.id)
                pages += 1
                guard let next = read.next else { break }
                page.after = next
            }
            // No empty last page: a list that ends where a page does says so on that page.
            #expect(seen == all && pages == (6 + limit - 1) / limit, "limit \(limit)")
        }
    }

    /// A run's executions are one range of ids, read by it: a run made before or after it, and
    /// a cursor from elsewhere, bring in none of theirs.
    @Test func aRunBetweenOthersPagesOnlyItsOwn() async throws {
        let store = try await StoreFixture()
        let before = try #require(try await store.run().id)
        let runID = try #require(try await store.run().id)
        let after = try #require(try await store.run().id)
        // Read through the run's index, as a filtered list is: all six are untested.
        let own = try await store.database.executions(run: runID, project: "S", filter: ExecutionFilter(status: .untested)).rows
        let others = try await store.database.executions(run: before, project: "S").rows + store.database.executions(run: after, project: "S").rows
        #expect(own.count == 6 && Set(own.map(\.runId)) == [runID] && others.count == 12)
        var page = PageRequest(limit: 4, after: others.first?.id)
        var seen: [Int64] = []
        while true {
            let read = try await store.database.executions(run: runID, project: "S", page: page)
            #expect(read.total == 6)
            seen += read.rows.compactMap(\.id)
            guard let next = read.next else { break }
            page.after = next
        }
        #expect(seen == own.compactMap(\.id))
        let pastTheEnd = try await store.database.executions(run: runID, project: "S", page: PageRequest(limit: 4, after: others.last?.id))
        #expect(pastTheEnd.rows.isEmpty && pastTheEnd.next == nil)
    }

    @Test func newestFirstListsPageDownwardAndFiltersCountWhatTheyKeep() async throws {
        let store = try await StoreFixture()
        var runs: [Int64] = []
        for _ in 0..<3 { runs.append(try #require(try await store.run().id)) }
        let first = try await store.database.runs(project: "S", .init(), page: PageRequest(limit: 2))
        #expect(first.rows.compactMap(\.id) == [runs[2], runs[1]] && first.total == 3 && first.next == runs[1])
        let second = try await store.database.runs(project: "S", .init(), page: PageRequest(limit: 2, after: first.next))
        #expect(second.rows.compactMap(\.id) == [runs[0]] && second.total == 3 && second.next == nil)
        // A run made between two pages is on neither of the later pages: nothing repeats.
        _ = try await store.run()
        let again = try await store.database.runs(project: "S", .init(), page: PageRequest(limit: 2, after: first.next))
        #expect(again.rows.compactMap(\.id) == [runs[0]] && again.total == 4)
        let failed = try await store.database.executions(
            run: runs[0], project: "S", filter: ExecutionFilter(status: .failed), page: PageRequest(limit: 2))
        #expect(failed.rows.isEmpty && failed.total == 0 && failed.next == nil)
    }
}
