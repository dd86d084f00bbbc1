import CasebookCore
import CasebookTestSupport
import Testing

/// The unfiltered list by id reads the snapshot's id order: its pages, walked by cursor either
/// way, are those of a scan of every case.
@Suite struct IDOrderTests {
    @Test func unfilteredPagesByIDAreThoseOfAScan() throws {
        let files = RepositoryGenerator(caseCount: 230).files()
        let snapshot = try Snapshot.load(from: MemoryTree(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) })))
        for descending in [false, true] {
            // `priority` with every priority filters nothing but takes the scanning path.
            var fast = CaseQuery(), scan = CaseQuery()
            fast.sort = CaseSort(key: .id, descending: descending)
            fast.limit = 40
            scan.sort = fast.sort
            scan.limit = 40
            scan.priorities = snapshot.settings.priorities
            var fastIDs: [String] = [], scanIDs: [String] = []
            repeat {
                let page = snapshot.cases(matching: fast)
                #expect(page.total == 230)
                fastIDs += page.cases.map(\.id)
                fast.cursor = page.next
            } while fast.cursor != nil
            repeat {
                let page = snapshot.cases(matching: scan)
                scanIDs += page.cases.map(\.id)
                scan.cursor = page.next
            } while scan.cursor != nil
            #expect(fastIDs.count == 230 && fastIDs == scanIDs, "descending: \(descending)")
            #expect(fastIDs.prefix(3) == (descending ? ["GEN-230", "GEN-229", "GEN-228"] : ["GEN-1", "GEN-2", "GEN-3"]))
        }
    }
}
