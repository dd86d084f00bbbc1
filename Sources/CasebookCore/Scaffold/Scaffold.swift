/// The text of new casebook files (`casebook new`, `casebook init`): what a person fills in.
package enum Scaffold {
    /// The next id after the highest number `used` gives `key` (`SHOP-160` after `SHOP-159`).
    package static func nextCaseID(key: String, used: some Sequence<String>) -> String {
        let highest = used.compactMap { id in CaseID.parts(id).flatMap { $0.key == key ? $0.number : nil } }.max() ?? 0
        return "\(key)-\(highest + 1)"
    }

    /// A file name from a title: lower-case words joined by dashes, letters of any script kept
    /// (`Pay with a card!` → `pay-with-a-card`, `Ünïcode & spaces` → `ünïcode-spaces`).
    package static func slug(_ title: String) -> String {
        var out = ""
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, byte by byte (an import names 50,000 files).
            var bytes: [UInt8] = []
            for byte in title.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: if let last = bytes.last, last != UInt8(ascii: "-") { bytes.append(UInt8(ascii: "-")) }
                }
            }
            out = String(decoding: bytes, as: UTF8.self)
        } else {
            for character in title.lowercased() {
                if character.isLetter || character.isNumber {
                    out.append(character)
                } else if !out.isEmpty, out.last != "-" {
                    out.append("-")
                }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        guard !out.isEmpty else { return "untitled" }
        guard out.count > 60 else { return out }
        // Cut at the last word that ends within 60 characters.
        let cut = out.prefix(61)
        return cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(out.prefix(60))
    }

    /// `target` (a path from the case repository root, maybe starting with `../`) as seen from
    /// the folder `folder` (also from the root).
    package static func relativePath(to target: String, from folder: String) -> String {
        String(repeating: "../", count: folder.split(separator: "/").count) + target
    }

    /// A new case that validates in the project of `settings`: the schema line, the id, the
    /// title, a priority and type the project declares, each required custom field with a value
    /// of its type to change, and one step to fill in.
    package static func caseFile(id: String, title: String, schema: String, settings: ProjectSettings) -> String {
        let priority = settings.priorities.contains("medium") ? "medium" : settings.priorities[settings.priorities.count / 2]
        let type = settings.types.contains("functional") ? "functional" : settings.types[0]
        let required = settings.fields.filter(\.required)
        let fields = required.isEmpty ? "" : "fields:\n" + required.map { "  \($0.name): \(placeholder(for: $0))  # required: fill in\n" }.joined()
        return """
            # yaml-language-server: $schema=\(schema)
            id: \(id)
            title: \(quoted(title))
            priority: \(quoted(priority))
            type: \(quoted(type))
            automation: { status: manual }
            tags: []
            \(fields)steps:
              - action: Describe what the tester does
                expected: Describe what should happen

            """
    }

    /// A value of the field's type that validates, for a person to change.
    private static func placeholder(for field: FieldDeclaration) -> String {
        switch field.type {
        case .string, .text: quoted("Fill in")
        case .integer: "0"
        case .boolean: "false"
        case .duration: "1m"
        case .url: quoted("https://example.com/fill-in")
        case .enum: quoted(field.values.first ?? "")
        case .list: "[]"
        }
    }

    /// A new plan that selects one group, or every case (by all the priorities `priorities`
    /// lists, to narrow), on `devices`.
    package static func planFile(id: String, title: String, group: String?, priorities: [String], devices: [String], schema: String) -> String {
        """
        # yaml-language-server: $schema=\(schema)
        id: \(id)
        title: \(quoted(title))
        devices: [\(devices.joined(separator: ", "))]
        include:
          - \(group.map { "group: " + quoted($0) } ?? "priority: [\(priorities.map(quoted).joined(separator: ", "))]")

        """
    }

    /// A double-quoted YAML scalar: safe for any text (`no`, `1.10`, `a: b` stay text). A JSON
    /// string is one: YAML's double-quoted style takes every JSON escape.
    package static func quoted(_ text: String) -> String {
        JSONText.string(text).serialized
    }
}

extension Scaffold {
    /// Where the `$schema=` line of a file at `path` (from the root) points, as a path from the
    /// root (may start with `../`), or `nil` when its first line has none.
    package static func schemaTarget(inFile bytes: [UInt8], at path: String) -> String? {
        let firstLine = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard let range = firstLine.range(of: "$schema=") else { return nil }
        let target = firstLine[range.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty, !target.contains("://") else { return nil }
        var components = path.split(separator: "/").dropLast().map(String.init)
        var outside: [String] = []
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if components.isEmpty { outside.append("..") } else { components.removeLast() }
            default: components.append(String(part))
            }
        }
        return (outside + components).joined(separator: "/")
    }
}
