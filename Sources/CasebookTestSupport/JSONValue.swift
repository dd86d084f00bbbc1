import CasebookYAML
import Foundation

/// A JSON value, as an editor's YAML language server sees a YAML file (YAML 1.2 core schema).
package indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Converts parsed JSON (from `JSONSerialization`).
    package init(json: Any) {
        switch json {
        // JSONSerialization gives booleans the Objective-C type "c".
        case let value as NSNumber where String(cString: value.objCType) == "c": self = .bool(value.boolValue)
        case let value as NSNumber: self = .number(value.doubleValue)
        case let value as String: self = .string(value)
        case let value as [Any]: self = .array(value.map(JSONValue.init(json:)))
        case let value as [String: Any]: self = .object(value.mapValues(JSONValue.init(json:)))
        default: self = .null
        }
    }

    /// Converts a YAML node the way YAML 1.2's core schema resolves plain scalars.
    package init(yaml node: Node) {
        switch node.kind {
        case .sequence(let items): self = .array(items.map(JSONValue.init(yaml:)))
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries { object[entry.key.scalar?.value ?? "\(entry.key.kind)"] = JSONValue(yaml: entry.value) }
            self = .object(object)
        case .scalar(let scalar):
            self = scalar.style == .plain ? Self.resolvePlain(scalar.value) : .string(scalar.value)
        }
    }

    private static func resolvePlain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        if text.range(of: #"^[-+]?[0-9]+$"#, options: .regularExpression) != nil { return .number(Double(text) ?? 0) }
        if text.range(of: #"^0o[0-7]+$"#, options: .regularExpression) != nil { return .number(Double(Int(text.dropFirst(2), radix: 8) ?? 0)) }
        if text.range(of: #"^0x[0-9a-fA-F]+$"#, options: .regularExpression) != nil { return .number(Double(Int(text.dropFirst(2), radix: 16) ?? 0)) }
        if text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil {
            return .number(Double(text) ?? 0)
        }
        return .string(text)
    }
}

extension JSONValue {
    /// Parses JSON text.
    package init(parsing text: String) throws {
        self.init(json: try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    /// The member `key` of an object.
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The item at `index` of an array.
    package subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    package var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    package var int: Int? {
        if case .number(let number) = self { return Int(exactly: number) }
        return nil
    }

    package var number: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    package var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    package var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
