import Testing

@testable import CasebookCore

@Suite struct OverlaidDictionaryTests {
    @Test func changesReadThroughAndFoldIntoTheSharedEntries() {
        var entries: [String: Int] = [:]
        for number in 0..<80 { entries["key-\(number)"] = number }
        let shared = OverlaidDictionary(entries)
        var changed = shared
        changed["key-1"] = 100
        changed["key-2"] = nil
        changed["new"] = 7
        #expect(changed["key-1"] == 100 && changed["key-2"] == nil && changed["new"] == 7 && changed["key-3"] == 3)
        #expect(changed.count == 80)
        #expect(shared["key-1"] == 1 && shared["key-2"] == 2 && shared["new"] == nil && shared.count == 80)
        // Past an eighth of the entries (10 here), the changes are folded in; reads stay the same.
        for number in 10..<30 { changed["key-\(number)"] = nil }
        #expect(changed.count == 60)
        #expect(changed["key-1"] == 100 && changed["key-2"] == nil && changed["key-15"] == nil && changed["new"] == 7)
        var seen: [String: Int] = [:]
        changed.forEach { seen[$0] = $1 }
        #expect(seen.count == 60 && Set(changed.keys) == Set(seen.keys))
        changed["key-1"] = nil
        changed["key-1"] = nil
        #expect(changed.count == 59)
    }
}
