import CasebookYAML
import Foundation

/// What an import adds to `casebook.yaml`: priorities, types and custom fields the cases need.
/// Keys it does not change keep their text, comments included; a changed key is written anew.
struct SettingsChange {
    enum List {
        case priorities, types
    }

    private let original: ProjectSettings
    private let text: String
    private var priorities: [String]
    private var types: [String]
    private var fields: [FieldDeclaration]

    init(settings: ProjectSettings, text: String) {
        original = settings
        self.text = text
        priorities = settings.priorities
        types = settings.types
        fields = settings.fields
    }

    /// The project's value for each value `seen` in the export: as `mapped` says, else the
    /// project's own value that differs only in case, else the value in lower case, added to
    /// the project's list.
    mutating func values(_ list: List, seen: [String], mapped: [String: String]) -> [String: String] {
        var values = list == .priorities ? priorities : types
        var answer: [String: String] = [:]
        for value in seen {
            let target = mapped[value] ?? values.first { $0.lowercased() == value.lowercased() } ?? value.lowercased()
            if !values.contains(target) { values.append(target) }
            answer[value] = target
        }
        if list == .priorities { priorities = values } else { types = values }
        return answer
    }

    /// Declares the import's fields (and `sourceField`, a string) that the project lacks, and the
    /// values its enum fields lack of those `seen`; answers the declaration each field's values
    /// are written by.
    mutating func declare(_ imported: [ImportedField], seen: [String: [String]], sourceField: String) -> [String: FieldDeclaration] {
        var answer: [String: FieldDeclaration] = [:]
        for field in [ImportedField(name: sourceField, type: .string, values: [])] + imported {
            let name = Self.word(field.name)
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if fields[index].type == .enum {
                    for value in field.values + seen[field.name, default: []] where !fields[index].values.contains(value) {
                        fields[index].values.append(value)
                    }
                }
                answer[field.name] = fields[index]
            } else {
                let description = field.name == sourceField ? "The case's id in the tool it was imported from." : nil
                let declaration = FieldDeclaration(name: name, type: field.type, values: field.values, description: description)
                fields.append(declaration)
                answer[field.name] = declaration
            }
        }
        return answer
    }

    /// A field name as `casebook.yaml` takes it: letters, digits, `.`, `_` and `-`.
    private static func word(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { $0.isASCIIAlphanumeric || "._-".unicodeScalars.contains($0) ? Character($0) : "-" })
        while let first = out.first, !first.isLetter && !first.isNumber { out.removeFirst() }
        return out.isEmpty ? "field" : out
    }

    /// What the import adds, in words: `types: other, smoke & sanity`, `fields: component (enum)`,
    /// `values of component: Mobile`.
    var additions: [String] {
        var out: [String] = []
        let newPriorities = priorities.filter { !original.priorities.contains($0) }
        if !newPriorities.isEmpty { out.append("priorities: " + newPriorities.joined(separator: ", ")) }
        let newTypes = types.filter { !original.types.contains($0) }
        if !newTypes.isEmpty { out.append("types: " + newTypes.joined(separator: ", ")) }
        let newFields = fields.filter { field in !original.fields.contains { $0.name == field.name } }
        if !newFields.isEmpty { out.append("fields: " + newFields.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")) }
        for field in original.fields {
            guard let now = fields.first(where: { $0.name == field.name }), now.values != field.values else { continue }
            out.append("values of \(field.name): " + now.values.filter { !field.values.contains($0) }.joined(separator: ", "))
        }
        return out
    }

    /// The new text of `casebook.yaml`, `nil` when nothing changed.
    func changedText() -> String? {
        var blocks: [(String, String)] = []
        if priorities != original.priorities { blocks.append(("priorities", "priorities: " + Self.flowList(priorities))) }
        if types != original.types { blocks.append(("types", "types: " + Self.flowList(types))) }
        if fields != original.fields {
            blocks.append(("fields", "fields:\n" + fields.map { "  \($0.name): " + Self.declaration($0) }.joined(separator: "\n")))
        }
        guard !blocks.isEmpty else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let entries = (try? YAMLParser.parse(Array(text.utf8)))??.mapping ?? []
        // Each top-level key's lines: from its own to the last before the next key, leaving out
        // the blank and comment lines that lead into the next.
        var spans: [String: ClosedRange<Int>] = [:]
        for (index, entry) in entries.enumerated() {
            guard let name = entry.key.scalar?.value else { continue }
            var end = index + 1 < entries.count ? entries[index + 1].key.mark.line - 2 : lines.count - 1
            let start = entry.key.mark.line - 1
            while end > start, lines[end].trimmingCharacters(in: .whitespaces).isEmpty || lines[end].hasPrefix("#") { end -= 1 }
            spans[name] = start...end
        }
        // Replaced from the bottom up, so that earlier spans keep their lines.
        for (name, block) in blocks.sorted(by: { (spans[$0.0]?.lowerBound ?? .max) > (spans[$1.0]?.lowerBound ?? .max) }) {
            if let span = spans[name] {
                lines.replaceSubrange(span, with: [block])
            } else {
                lines.append(block)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func declaration(_ field: FieldDeclaration) -> String {
        var parts = ["type: \(field.type.rawValue)"]
        if field.type == .enum { parts.append("values: " + flowList(field.values)) }
        if field.required { parts.append("required: true") }
        if let description = field.description { parts.append("description: " + YAMLText.quoted(description)) }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    /// `[critical, high, "smoke & sanity"]`: words as they are, other values quoted.
    static func flowList(_ values: [String]) -> String {
        "[" + values.map(flowItem).joined(separator: ", ") + "]"
    }

    /// A value as it is when it is a word (of any script, spaces between), else quoted.
    static func flowItem(_ value: String) -> String {
        plainWord(value) ? value : YAMLText.quoted(value)
    }

    private static func plainWord(_ value: String) -> Bool {
        guard let first = value.first, first.isLetter || first.isNumber, value.last != " " else { return false }
        return value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == " " }
            && !zip(value.utf8, value.utf8.dropFirst()).contains { $0 == 32 && $1 == 32 }
    }
}
