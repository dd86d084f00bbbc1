import CasebookYAML

/// Reads one YAML mapping against the keys the format allows, reporting unknown keys (with a
/// "did you mean"), missing required keys, keys without a value and values of the wrong type.
struct MappingReader {
    let node: Node
    let what: String
    let findings: FileFindings
    /// The entries in file order (mappings are small: a scan beats hashing).
    private let entries: [MappingEntry]

    /// Reads `node` as the mapping `what` (a word for messages, like "case" or "step"); `nil`,
    /// with a finding, when it is no mapping.
    init?(_ node: Node, what: String, keys: [String], required: [String] = [], findings: FileFindings) {
        self.node = node
        self.what = what
        self.findings = findings
        guard let entries = node.mapping else {
            findings.report(.schemaType, at: node.mark, "a \(what) must be a mapping of keys to values, found \(node.kindDescription)")
            return nil
        }
        self.entries = entries
        lazy var allowed = keys.joined(separator: ", ")
        for entry in entries {
            guard case .scalar(let keyScalar) = entry.key.kind else {
                findings.report(.schemaType, at: entry.key.mark, "keys of a \(what) must be plain words, found \(entry.key.kindDescription)")
                continue
            }
            let key = keyScalar.value
            guard keys.contains(key) else {
                let hint = Suggestion.hint(for: key, in: keys)
                findings.report(.schemaUnknownKey, at: entry.key.mark, "unknown key '\(key)' in a \(what)\(hint); allowed keys: \(allowed)")
                continue
            }
            if case .scalar(let value) = entry.value.kind, value.isNull {
                findings.report(.schemaType, at: entry.key.mark, "'\(key)' has no value; give it one or remove the key")
            }
        }
        for key in required where entry(key) == nil {
            findings.report(.schemaMissingKey, at: node.mark, "the \(what) has no '\(key)'; add it")
        }
    }

    /// The entry of `key`, with or without a value.
    private func entry(_ key: String) -> MappingEntry? {
        for entry in entries {
            if case .scalar(let name) = entry.key.kind, name.value == key { return entry }
        }
        return nil
    }

    /// The value node of `key` (one of the keys the reader was made with), if present with a value.
    subscript(key: String) -> Node? {
        guard let value = entry(key)?.value else { return nil }
        if case .scalar(let scalar) = value.kind, scalar.isNull { return nil }
        return value
    }

    /// The text of `key` with its mark; any scalar is text, kept exactly as written.
    func located(_ key: String) -> Located<String>? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar else {
            findings.report(.schemaType, at: value.mark, "'\(key)' must be a text, found \(value.kindDescription)")
            return nil
        }
        return Located(scalar.value, at: value.mark)
    }

    /// The text of `key`.
    func text(_ key: String) -> String? { located(key)?.value }

    /// A list of texts, like `tags: [smoke, checkout]`.
    func textList(_ key: String) -> [Located<String>] {
        guard let value = self[key] else { return [] }
        guard let items = value.sequence else {
            findings.report(.schemaType, at: value.mark, "'\(key)' must be a list, like [a, b], found \(value.kindDescription)")
            return []
        }
        return items.compactMap { item in
            guard let scalar = item.scalar, !scalar.isNull else {
                findings.report(.schemaType, at: item.mark, "items of '\(key)' must be texts, found \(item.kindDescription)")
                return nil
            }
            return Located(scalar.value, at: item.mark)
        }
    }

    /// A `true`/`false` value.
    func boolean(_ key: String) -> Bool? {
        guard let value = self[key] else { return nil }
        guard let result = ScalarTypes.boolean(value) else {
            findings.report(.schemaType, at: value.mark, "'\(key)' must be true or false")
            return nil
        }
        return result
    }

    /// A list of mappings, each read by `read`.
    func list<T>(_ key: String, _ read: (Node) -> T?) -> [T]? {
        guard let value = self[key] else { return nil }
        guard let items = value.sequence else {
            findings.report(.schemaType, at: value.mark, "'\(key)' must be a list, found \(value.kindDescription)")
            return nil
        }
        return items.compactMap(read)
    }
}
