import CasebookYAML
import Foundation

/// Maps `casebook.yaml` to ``ProjectSettings``; what is missing or wrong is reported and
/// replaced by a default so that the rest of the repository can still be checked.
enum SettingsMapper {
    static func map(_ root: Node, findings: FileFindings) -> ProjectSettings {
        var settings = ProjectSettings(key: "", name: "")
        guard let reader = MappingReader(root, what: "casebook.yaml", keys: Vocabulary.settings, required: ["project"], findings: findings)
        else { return settings }
        if let node = reader["project"],
            let project = MappingReader(node, what: "project", keys: Vocabulary.project, required: ["key", "name"], findings: findings)
        {
            if let key = project.located("key") {
                if Vocabulary.isProjectKey(key.value) {
                    settings.key = key.value
                } else {
                    findings.report(
                        .idFormat, at: key.mark, "project key '\(key.value)' must be upper-case letters and digits starting with a letter, like SHOP")
                }
            }
            settings.name = project.text("name") ?? ""
            settings.description = project.text("description")
        }
        settings.devices = devices(reader, findings: findings)
        settings.priorities = wordList(reader, "priorities", findings: findings) ?? ProjectSettings.defaultPriorities
        settings.types = wordList(reader, "types", findings: findings) ?? ProjectSettings.defaultTypes
        settings.fields = fieldDeclarations(reader, findings: findings)
        settings.tracker = tracker(reader, findings: findings)
        return settings
    }

    /// `tracker: { url, pattern, new }`: URLs of http(s) (`url` with `{id}` in it), a pattern that
    /// compiles.
    private static func tracker(_ reader: MappingReader, findings: FileFindings) -> Tracker? {
        guard let node = reader["tracker"],
            let tracker = MappingReader(node, what: "tracker", keys: Vocabulary.tracker, required: ["url"], findings: findings),
            let url = tracker.located("url")
        else { return nil }
        func web(_ link: Located<String>) -> Bool {
            let lowered = link.value.lowercased()
            return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
        }
        guard web(url), url.value.contains("{id}") else {
            findings.report(
                .valueURL, at: url.mark,
                "tracker url must be an http(s) URL with {id} where the defect id goes, like https://tracker.example/browse/{id}")
            return nil
        }
        var result = Tracker(url: url.value)
        if let pattern = tracker.located("pattern") {
            guard (try? NSRegularExpression(pattern: pattern.value)) != nil else {
                findings.report(.schemaType, at: pattern.mark, "tracker pattern '\(pattern.value)' is not a regular expression, like [A-Z]+-[0-9]+")
                return nil
            }
            result.pattern = pattern.value
        }
        if let new = tracker.located("new") {
            guard web(new) else {
                findings.report(
                    .valueURL, at: new.mark,
                    "tracker new must be an http(s) URL, like https://tracker.example/new?summary={title}&description={description}")
                return nil
            }
            result.new = new.value
        }
        return result
    }

    private static func devices(_ reader: MappingReader, findings: FileFindings) -> [Device] {
        var seen: [String: Mark] = [:]
        return reader.list("devices") { node -> Device? in
            guard let device = MappingReader(node, what: "device", keys: Vocabulary.device, required: ["id"], findings: findings),
                let id = device.located("id")
            else { return nil }
            guard Vocabulary.isWord(id.value) else {
                findings.report(.idFormat, at: id.mark, "device id '\(id.value)' must be letters, digits, '.', '_' or '-', like pixel-8")
                return nil
            }
            if let first = seen[id.value] {
                findings.report(
                    .idDuplicate, at: id.mark, "device '\(id.value)' is already declared at line \(first.line); give each device its own id")
                return nil
            }
            seen[id.value] = id.mark
            var attributes: [String: String] = [:]
            if let node = device["attributes"] {
                if let entries = node.mapping {
                    for entry in entries {
                        guard let key = entry.key.scalar?.value, let value = entry.value.scalar, !value.isNull else {
                            findings.report(.schemaType, at: entry.value.mark, "device attributes must be texts, like screen: 6.2in")
                            continue
                        }
                        attributes[key] = value.value
                    }
                } else {
                    findings.report(.schemaType, at: node.mark, "'attributes' must be a mapping, like { screen: 6.2in }")
                }
            }
            return Device(
                id: id.value, name: device.text("name") ?? id.value, platform: device.text("platform"), os: device.text("os"),
                attributes: attributes)
        } ?? []
    }

    private static func wordList(_ reader: MappingReader, _ key: String, findings: FileFindings) -> [String]? {
        guard let node = reader[key] else { return nil }
        let words = reader.textList(key)
        if node.sequence?.isEmpty == true {
            findings.report(.schemaType, at: node.mark, "'\(key)' must list at least one value; remove the key to use the defaults")
            return nil
        }
        return words.isEmpty ? nil : words.map(\.value)
    }

    private static func fieldDeclarations(_ reader: MappingReader, findings: FileFindings) -> [FieldDeclaration] {
        guard let node = reader["fields"] else { return [] }
        guard let entries = node.mapping else {
            findings.report(.schemaType, at: node.mark, "'fields' must map field names to declarations, like component: { type: string }")
            return []
        }
        return entries.compactMap { entry -> FieldDeclaration? in
            guard let name = entry.key.scalar?.value, Vocabulary.isWord(name) else {
                findings.report(.idFormat, at: entry.key.mark, "a custom field name must be letters, digits, '.', '_' or '-'")
                return nil
            }
            guard
                let field = MappingReader(
                    entry.value, what: "field declaration", keys: Vocabulary.fieldDeclaration, required: ["type"], findings: findings),
                let typeName = field.located("type")
            else { return nil }
            guard let type = FieldType(rawValue: typeName.value) else {
                let allowed = FieldType.allCases.map(\.rawValue)
                findings.report(
                    .fieldDeclaration, at: typeName.mark,
                    "unknown field type '\(typeName.value)'\(Suggestion.hint(for: typeName.value, in: allowed)); allowed: \(allowed.joined(separator: ", "))"
                )
                return nil
            }
            let values = field.textList("values").map(\.value)
            if type == .enum, values.isEmpty {
                findings.report(.fieldDeclaration, at: entry.value.mark, "enum field '\(name)' needs 'values', like values: [web, api]")
            } else if type != .enum, let valuesNode = field["values"] {
                findings.report(.fieldDeclaration, at: valuesNode.mark, "'values' applies to enum fields only; remove it or make '\(name)' an enum")
            }
            return FieldDeclaration(
                name: name, type: type, values: values, required: field.boolean("required") ?? false, description: field.text("description"))
        }
    }
}
