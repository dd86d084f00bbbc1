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

    /// A load's entries are kept as listed: keys in order, `nil` where a key has no value.
    @Test func sortedEntriesReadByBinarySearchAndFoldTheSame() {
        let keys = (0..<80).map { "key-\($0 + 100)" }
        let values: [Int?] = (0..<80).map { $0 % 4 == 0 ? nil : $0 }
        let shared = OverlaidDictionary(sortedKeys: keys, values: values)
        #expect(shared.count == 60)
        #expect(shared["key-101"] == 1 && shared["key-100"] == nil && shared["key-179"] == 79 && shared["key-180"] == nil && shared["a"] == nil)
        #expect(Set(shared.keys) == Set(keys.enumerated().filter { $0.offset % 4 != 0 }.map(\.element)))
        var changed = shared
        changed["key-100"] = 1000
        changed["key-101"] = nil
        changed["new"] = 7
        #expect(changed.count == 61 && changed["key-100"] == 1000 && changed["key-101"] == nil && changed["new"] == 7 && changed["key-102"] == 2)
        #expect(shared["key-100"] == nil && shared["key-101"] == 1 && shared.count == 60)
        // Past an eighth of the entries the changes are folded into hashed entries; reads stay the same.
        for number in 110..<130 { changed["key-\(number)"] = -number }
        #expect(
            changed.count == 66 && changed["key-100"] == 1000 && changed["key-101"] == nil && changed["key-112"] == -112 && changed["key-150"] == 50)
        var seen: [String: Int] = [:]
        changed.forEach { seen[$0] = $1 }
        #expect(seen.count == 66 && seen["new"] == 7 && seen["key-101"] == nil)
    }
}
