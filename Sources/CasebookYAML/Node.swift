/// A YAML node with the place it starts at. Aliases are already resolved.
package struct Node: Sendable {
    /// What the node holds.
    package enum Kind: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([MappingEntry])
    }

    package var kind: Kind
    package var mark: Mark

    package init(_ kind: Kind, at mark: Mark) {
        self.kind = kind
        self.mark = mark
    }

    /// The scalar, if this node is one.
    package var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    /// The items, if this node is a sequence.
    package var sequence: [Node]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The entries in file order, if this node is a mapping.
    package var mapping: [MappingEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// A word for the node's kind, for messages: "a text", "a list", "a mapping", "nothing".
    package var kindDescription: String {
        switch kind {
        case .scalar(let scalar): scalar.isNull ? "nothing" : "a value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping.
package struct MappingEntry: Sendable {
    package var key: Node
    package var value: Node

    package init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// How a scalar was written.
package enum ScalarStyle: String, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar exactly as written: its text is never reinterpreted by YAML 1.1 rules, and tags are
/// ignored (casebook types values by its schema).
package struct Scalar: Sendable, Hashable {
    package var value: String
    package var style: ScalarStyle

    package init(_ value: String, style: ScalarStyle = .plain) {
        self.value = value
        self.style = style
    }

    /// A plain `~`, `null` or empty scalar: YAML's way to write nothing.
    package var isNull: Bool {
        guard style == .plain, value.utf8.count <= 4 else { return false }
        var value = value
        return value.withUTF8 { Self.isNull($0, style: style) }
    }

    /// Whether a scalar of these UTF-8 bytes, written in `style`, is YAML's way to write nothing.
    @inlinable package static func isNull(_ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle) -> Bool {
        guard style == .plain else { return false }
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4: return bytes.elementsEqual("null".utf8) || bytes.elementsEqual("Null".utf8) || bytes.elementsEqual("NULL".utf8)
        default: return false
        }
    }
}
