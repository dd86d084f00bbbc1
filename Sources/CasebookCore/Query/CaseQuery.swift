import Foundation

/// Which cases to list, in what order, and which page: the filters of `GET …/cases`.
package struct CaseQuery: Sendable {
    /// Words that must all occur (ignoring case) in the title, preconditions or steps.
    package var words: [String] = []
    /// Tags the case must all carry.
    package var tags: [String] = []
    /// Priorities, types, automation statuses and owners: when given, the case must have one of them.
    package var priorities: [String] = []
    package var types: [String] = []
    package var automation: [AutomationStatus] = []
    package var owners: [String] = []
    /// The group, with the groups below it.
    package var group: String?
    /// A requirement the case must cover.
    package var requirement: String?
    /// Custom field values the case must have (for a list field: contain).
    package var fields: [(name: String, value: String)] = []
    package var sort = CaseSort(key: .id, descending: false)
    /// At most this many cases on a page.
    package var limit = 50
    /// Where the previous page ended.
    package var cursor: CaseCursor?

    package init() {}

    /// Whether every case passes (only the order and the page are asked for).
    var hasNoFilters: Bool {
        words.isEmpty && tags.isEmpty && priorities.isEmpty && types.isEmpty && automation.isEmpty && owners.isEmpty && group == nil
            && requirement == nil && fields.isEmpty
    }

    /// Whether `testCase` passes every filter.
    func matches(_ testCase: TestCase) -> Bool {
        if !priorities.isEmpty, !priorities.contains(testCase.priority) { return false }
        if !tags.allSatisfy(testCase.tags.contains) { return false }
        if !types.isEmpty, !types.contains(testCase.type) { return false }
        if !automation.isEmpty, !automation.contains(testCase.automation.status) { return false }
        if !owners.isEmpty, !owners.contains(testCase.owner ?? "") { return false }
        if let group, !CaseGroup.isGroup(testCase.group, within: group) { return false }
        if let requirement, !testCase.requirements.contains(requirement) { return false }
        for (name, value) in fields where !(testCase.fields[name]?.matches(value) ?? false) { return false }
        return words.allSatisfy(testCase.mentions)
    }
}

/// The order of a case list.
package struct CaseSort: Sendable, Hashable {
    package enum Key: String, Sendable, CaseIterable {
        case id, title, priority, type, automation, owner, path
    }

    package var key: Key
    package var descending: Bool

    package init(key: Key, descending: Bool) {
        self.key = key
        self.descending = descending
    }

    /// `id`, `-priority`…: a key, with `-` in front for descending order.
    package init?(_ text: String) {
        let descending = text.hasPrefix("-")
        guard let key = Key(rawValue: descending ? String(text.dropFirst()) : text) else { return nil }
        self.init(key: key, descending: descending)
    }

    package var description: String {
        (descending ? "-" : "") + key.rawValue
    }
}

/// A position in a sorted case list: the sort value and id of the last case of a page.
package struct CaseCursor: Sendable, Hashable {
    var sortValue: String
    var id: String

    /// The cursor as a client passes it back: URL-safe base64 (RFC 4648 §5) without padding.
    package var token: String {
        Data((sortValue + "\n" + id).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The cursor `token` stands for, or `nil` when it is not one.
    package init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            let newline = text.firstIndex(of: "\n")
        else { return nil }
        sortValue = String(text[..<newline])
        id = String(text[text.index(after: newline)...])
    }

    init(sortValue: String, id: String) {
        self.sortValue = sortValue
        self.id = id
    }
}

extension FieldValue {
    /// Whether this value is `text` as a query writes it (`true`, `42`, a list item).
    func matches(_ text: String) -> Bool {
        switch self {
        case .text(let value): value == text
        case .integer(let value): String(value) == text
        case .boolean(let value): String(value) == text
        case .duration(let seconds): String(seconds) == text
        case .list(let items): items.contains(text)
        }
    }
}

extension TestCase {
    /// Whether `word` (lowercased) is in the title, the preconditions or a step's text, in any
    /// case. A search reads every case of the list: an ASCII word is sought in the texts' bytes
    /// with their ASCII letters folded, making no lowercased copy of them (that took 1.6 µs a
    /// case); another word in the texts lowercased.
    func mentions(_ word: String) -> Bool {
        let ascii = word.utf8.allSatisfy { $0 < 0x80 }
        func holds(_ text: String) -> Bool { ascii ? Self.folded(text, holds: word) : text.lowercased().contains(word) }
        if holds(title) { return true }
        if let preconditions, holds(preconditions) { return true }
        return steps.contains { step in
            guard case .action(let action, let expected) = step.kind else { return false }
            return holds(action) || holds(expected)
        }
    }

    /// Whether `text` holds the lowercase ASCII `word`, `text`'s letters A–Z read as a–z.
    private static func folded(_ text: String, holds word: String) -> Bool {
        func fold(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }
        let found = text.utf8.withContiguousStorageIfAvailable { haystack in
            word.utf8.withContiguousStorageIfAvailable { needle -> Bool in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                for start in 0...(haystack.count - needle.count) where fold(haystack[start]) == first {
                    var index = 1
                    while index < needle.count, fold(haystack[start + index]) == needle[index] { index += 1 }
                    if index == needle.count { return true }
                }
                return false
            }
        }
        return (found ?? nil) ?? text.lowercased().contains(word)
    }
}
