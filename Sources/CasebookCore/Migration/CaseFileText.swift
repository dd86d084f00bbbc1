import Foundation

/// The text of a case file written by an import, in the order a person reads a case.
struct CaseFileText {
    let imported: ImportedCase
    let id: String
    let priority: String?
    let type: String?
    /// The declaration each custom field's value is written by, by the export's field name.
    let fields: [String: FieldDeclaration]
    let schema: String

    init(_ imported: ImportedCase, id: String, priority: String?, type: String?, fields: [String: FieldDeclaration], schema: String) {
        self.imported = imported
        self.id = id
        self.priority = priority
        self.type = type
        self.fields = fields
        self.schema = schema
    }

    /// The file's text; a value its field's type cannot hold is left out and noted in `notes`.
    func text(notes: inout [ImportNote]) -> String {
        var out = "# yaml-language-server: $schema=\(schema)\nid: \(id)\ntitle: \(YAMLText.scalar(imported.title, indent: 0))\n"
        if let priority { out += "priority: \(SettingsChange.flowItem(priority))\n" }
        if let type { out += "type: \(SettingsChange.flowItem(type))\n" }
        if let automation = imported.automation { out += "automation: { status: \(automation.rawValue) }\n" }
        if let owner = imported.owner { out += "owner: \(YAMLText.scalar(owner, indent: 0))\n" }
        if !imported.tags.isEmpty { out += "tags: \(SettingsChange.flowList(imported.tags))\n" }
        if let estimate = imported.estimate, estimate > 0 { out += "estimate: \(DurationText.format(estimate))\n" }
        if let preconditions = imported.preconditions { out += "preconditions: \(YAMLText.scalar(preconditions, indent: 0))\n" }
        out += "steps:\n"
        for step in imported.steps {
            // An empty half is left out: a step needs one of the two.
            if step.action.isEmpty {
                out += "  - expected: \(YAMLText.scalar(step.expected, indent: 4))\n"
            } else {
                out += "  - action: \(YAMLText.scalar(step.action, indent: 4))\n"
                if !step.expected.isEmpty { out += "    expected: \(YAMLText.scalar(step.expected, indent: 4))\n" }
            }
        }
        if !imported.requirements.isEmpty { out += "requirements: \(SettingsChange.flowList(imported.requirements))\n" }
        out += "fields:\n  \(CaseImport.sourceField): \(YAMLText.scalar(imported.sourceID, indent: 2))\n"
        for (name, value) in imported.fields.sorted(by: { $0.key < $1.key }) {
            guard let declaration = fields[name] else { continue }
            guard declaration.name != CaseImport.sourceField else {
                notes.append(ImportNote(imported.location, "the \(name) '\(value)': a case's source-id is its id in this export"))
                continue
            }
            guard let written = Self.value(value, as: declaration) else {
                notes.append(ImportNote(imported.location, "the value '\(value)' of \(name): not a \(declaration.type.rawValue)"))
                continue
            }
            out += "  \(declaration.name): \(written)\n"
        }
        return out
    }

    /// `value` as YAML of the declared type, `nil` when it is not one.
    private static func value(_ value: String, as declaration: FieldDeclaration) -> String? {
        switch declaration.type {
        case .string, .text, .enum: return YAMLText.scalar(value, indent: 2)
        case .url: return ScalarTypes.isURL(value) ? YAMLText.quoted(value) : nil
        case .integer: return Int(ImportText.trimmed(value)).map(String.init)
        case .boolean:
            switch ImportText.trimmed(value).lowercased() {
            case "true", "yes", "1", "x": return "true"
            case "false", "no", "0", "": return "false"
            default: return nil
            }
        case .duration: return ImportText.estimate(value).map(DurationText.format)
        case .list: return YAMLText.list(ImportText.list(value))
        }
    }

    /// The top-level keys whose lines differ between two case files (`title`, `steps`…).
    static func changedKeys(from before: String, to after: String) -> [String] {
        let old = sections(before), new = sections(after)
        return (new.map(\.0) + old.map(\.0).filter { key in !new.contains { $0.0 == key } }).filter { key in
            old.first { $0.0 == key }?.1 != new.first { $0.0 == key }?.1
        }
    }

    /// The lines of each top-level key, in file order.
    private static func sections(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", first != "#", let colon = line.firstIndex(of: ":") {
                out.append((String(line[..<colon]), ""))
            }
            if !out.isEmpty { out[out.count - 1].1 += line + "\n" }
        }
        return out
    }
}
