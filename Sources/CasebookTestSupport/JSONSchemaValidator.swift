import Foundation

/// The part of JSON Schema 2020-12 that casebook's schemas use: enough to hold them against the
/// validator in tests. Local `$ref`s only.
package struct JSONSchemaValidator {
    private let root: JSONValue

    package init(schema: JSONValue) {
        root = schema
    }

    /// Whether `value` is valid against the whole schema.
    package func isValid(_ value: JSONValue) -> Bool {
        validate(value, against: root)
    }

    /// Whether `value` is valid against `schema`, a part of the whole one (whose `$ref`s point
    /// into the whole: a response schema of an OpenAPI document, say).
    package func isValid(_ value: JSONValue, against schema: JSONValue) -> Bool {
        validate(value, against: schema)
    }

    private func validate(_ value: JSONValue, against schema: JSONValue) -> Bool {
        guard case .object(let keywords) = schema else { return schema != .bool(false) }
        for (keyword, argument) in keywords where !check(keyword, argument, value, keywords) {
            return false
        }
        return true
    }

    private func check(_ keyword: String, _ argument: JSONValue, _ value: JSONValue, _ keywords: [String: JSONValue]) -> Bool {
        switch (keyword, argument) {
        case ("$ref", .string(let pointer)):
            return validate(value, against: resolve(pointer))
        case ("type", .string(let type)):
            return matches(type: type, value)
        case ("type", .array(let types)):
            return types.contains { if case .string(let type) = $0 { matches(type: type, value) } else { false } }
        case ("enum", .array(let allowed)):
            return allowed.contains(value)
        case ("const", let constant):
            return value == constant
        case ("pattern", .string(let pattern)):
            guard case .string(let text) = value else { return true }
            return text.range(of: pattern, options: .regularExpression) != nil
        case ("minLength", .number(let minimum)):
            guard case .string(let text) = value else { return true }
            return Double(text.count) >= minimum
        case ("minimum", .number(let minimum)):
            guard case .number(let number) = value else { return true }
            return number >= minimum
        case ("maximum", .number(let maximum)):
            guard case .number(let number) = value else { return true }
            return number <= maximum
        case ("minItems", .number(let minimum)):
            guard case .array(let items) = value else { return true }
            return Double(items.count) >= minimum
        case ("minProperties", .number(let minimum)):
            guard case .object(let members) = value else { return true }
            return Double(members.count) >= minimum
        case ("required", .array(let names)):
            guard case .object(let members) = value else { return true }
            return names.allSatisfy { if case .string(let name) = $0 { members[name] != nil } else { true } }
        case ("properties", .object(let properties)):
            guard case .object(let members) = value else { return true }
            return properties.allSatisfy { name, schema in members[name].map { validate($0, against: schema) } ?? true }
        case ("additionalProperties", let schema):
            guard case .object(let members) = value else { return true }
            let declared: Set<String> = if case .object(let properties)? = keywords["properties"] { Set(properties.keys) } else { [] }
            return members.allSatisfy { name, member in declared.contains(name) || validate(member, against: schema) }
        case ("propertyNames", let schema):
            guard case .object(let members) = value else { return true }
            return members.keys.allSatisfy { validate(.string($0), against: schema) }
        case ("items", let schema):
            guard case .array(let items) = value else { return true }
            return items.allSatisfy { validate($0, against: schema) }
        case ("allOf", .array(let schemas)):
            return schemas.allSatisfy { validate(value, against: $0) }
        case ("anyOf", .array(let schemas)):
            return schemas.contains { validate(value, against: $0) }
        case ("oneOf", .array(let schemas)):
            return schemas.filter { validate(value, against: $0) }.count == 1
        case ("not", let schema):
            return !validate(value, against: schema)
        case ("if", let condition):
            let branch = validate(value, against: condition) ? keywords["then"] : keywords["else"]
            return branch.map { validate(value, against: $0) } ?? true
        default:
            // Annotations ($schema, $id, title, description, examples, $defs, then, else).
            return true
        }
    }

    private func matches(type: String, _ value: JSONValue) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }

    private func resolve(_ pointer: String) -> JSONValue {
        var current = root
        for part in pointer.split(separator: "/").dropFirst() {
            guard case .object(let members) = current, let next = members[String(part)] else { return .bool(false) }
            current = next
        }
        return current
    }
}
