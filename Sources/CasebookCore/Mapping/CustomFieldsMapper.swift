import CasebookYAML

/// Maps a case's `fields` against the declarations in `casebook.yaml`.
enum CustomFieldsMapper {
    static func map(_ reader: MappingReader, settings: ProjectSettings, findings: FileFindings) -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        if let node = reader["fields"] {
            if let entries = node.mapping {
                for entry in entries {
                    guard let name = entry.key.scalar?.value else {
                        findings.report(.schemaType, at: entry.key.mark, "custom field names must be plain words")
                        continue
                    }
                    guard let declaration = settings.field(named: name) else {
                        let declared = settings.fields.map(\.name)
                        let list = declared.isEmpty ? "none are declared" : "declared: \(declared.joined(separator: ", "))"
                        findings.report(
                            .fieldUndeclared, at: entry.key.mark,
                            "custom field '\(name)' is not declared in casebook.yaml\(Suggestion.hint(for: name, in: declared)) (\(list))")
                        continue
                    }
                    if let value = value(entry.value, for: declaration, findings: findings) { values[name] = value }
                }
            } else {
                findings.report(.schemaType, at: node.mark, "'fields' must map custom field names to values, like { component: web }")
            }
        }
        for declaration in settings.fields where declaration.required && values[declaration.name] == nil {
            let present = reader["fields"]?.mapping?.contains { $0.key.scalar?.value == declaration.name } ?? false
            if !present {
                findings.report(.fieldRequired, at: reader.node.mark, "required custom field '\(declaration.name)' is missing; add it under fields:")
            }
        }
        return values
    }

    /// The value of the field `declaration` in `node`, or `nil` with a finding.
    static func value(_ node: Node, for declaration: FieldDeclaration, findings: FileFindings) -> FieldValue? {
        let name = declaration.name
        func wrong(_ expectation: String) -> FieldValue? {
            findings.report(.fieldValue, at: node.mark, "custom field '\(name)' must be \(expectation)")
            return nil
        }
        let text = node.scalar.flatMap { $0.isNull ? nil : $0.value }
        switch declaration.type {
        case .list:
            guard let items = node.sequence, items.allSatisfy({ $0.scalar.map { !$0.isNull } ?? false }) else {
                return wrong("a list of texts, like [a, b]")
            }
            return .list(items.compactMap { $0.scalar?.value })
        case .string, .text:
            return text.map(FieldValue.text) ?? wrong("a text, found \(node.kindDescription)")
        case .integer:
            return ScalarTypes.integer(node).map(FieldValue.integer) ?? wrong("a whole number, like 3")
        case .boolean:
            return ScalarTypes.boolean(node).map(FieldValue.boolean) ?? wrong("true or false")
        case .duration:
            return text.flatMap(ScalarTypes.duration).map { .duration(seconds: $0) } ?? wrong("a duration, like 90s, 5m or 1h30m")
        case .url:
            return text.flatMap { ScalarTypes.isURL($0) ? FieldValue.text($0) : nil } ?? wrong("an absolute URL, like https://example.com/x")
        case .enum:
            guard let text, declaration.values.contains(text) else {
                let found = text.map { "; '\($0)' is not\(Suggestion.hint(for: $0, in: declaration.values))" } ?? ""
                return wrong("one of \(declaration.values.joined(separator: ", "))\(found)")
            }
            return .text(text)
        }
    }
}
