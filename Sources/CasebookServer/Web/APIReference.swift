import CasebookYAML

/// The OpenAPI document as the view model of the `/api` page: every operation with its
/// parameters, request body, answers and an example answer built from its schema. Built once,
/// from the document compiled into the server.
enum APIReference {
    /// The operations, grouped by the first part of their path after `/api/v1`. Built once and
    /// never changed after, so that sharing it between requests is safe.
    nonisolated(unsafe) static let view: [String: Any] = {
        // The document is part of this build and is checked by the OpenAPI tests.
        guard let root = try? YAMLParser.parse(PackageResources.openapi_yaml) else { return [:] }
        let document = Value(root)
        var sections: [(String, [[String: Any]])] = []
        for (path, item) in document["paths"].entries {
            for (method, operation) in item.entries where ["get", "post", "put", "patch", "delete"].contains(method) {
                let section = sectionName(path)
                let row = operationView(path: path, method: method, operation, document: document)
                if let index = sections.firstIndex(where: { $0.0 == section }) {
                    sections[index].1.append(row)
                } else {
                    sections.append((section, [row]))
                }
            }
        }
        return [
            "title": document["info"]["title"].text, "version": document["info"]["version"].text,
            "description": MarkdownHTML.html(document["info"]["description"].text),
            "sections": sections.map { ["name": $0.0, "operations": $0.1] },
        ]
    }()

    /// `runs` for `/api/v1/projects/{key}/runs/{run}`, `auth` for `/api/v1/auth/login`.
    private static func sectionName(_ path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        if parts.starts(with: ["api", "v1"]) { parts.removeFirst(2) }
        if parts.first == "projects", parts.count > 2 { return parts[2] }
        return parts.first ?? "/"
    }

    private static func operationView(path: String, method: String, _ operation: Value, document: Value) -> [String: Any] {
        let parameters = operation["parameters"].items.map { resolve($0, in: document) }.filter { ["path", "query"].contains($0["in"].text) }
        var view: [String: Any] = [
            "method": method.uppercased(), "methodClass": method, "path": path, "id": operation["operationId"].text,
            "summary": operation["summary"].text, "description": MarkdownHTML.html(operation["description"].text),
            "anonymous": operation["security"].items.contains { $0.entries.isEmpty }, "get": method == "get",
            "parameters": parameters.map { parameter in
                [
                    "name": parameter["name"].text, "in": parameter["in"].text, "required": parameter["required"].text == "true",
                    "type": typeText(parameter["schema"], document: document), "description": MarkdownHTML.html(parameter["description"].text),
                ]
            },
            "hasParameters": !parameters.isEmpty,
        ]
        let body = operation["requestBody"]
        if !body.entries.isEmpty {
            view["body"] = body["content"].entries.map { type, content in
                ["type": type, "shape": typeText(content["schema"], document: document), "example": example(content["schema"], document: document)]
            }
        }
        view["responses"] = operation["responses"].entries.map { code, response in
            let resolved = resolve(response, in: document)
            return ["code": code, "description": MarkdownHTML.html(resolved["description"].text)]
        }
        let success = operation["responses"].entries.first { $0.0.hasPrefix("2") }.map { resolve($0.1, in: document) }
        if let schema = success?["content"]["application/json"]["schema"], !schema.entries.isEmpty {
            view["example"] = example(schema, document: document)
        }
        return view
    }

    /// `value`, or what its `$ref` points at.
    private static func resolve(_ value: Value, in document: Value) -> Value {
        let reference = value["$ref"].text
        guard reference.hasPrefix("#/") else { return value }
        return reference.dropFirst(2).split(separator: "/").reduce(document) { $0[String($1)] }
    }

    /// A schema in a few words: `string`, `array of Case`, `integer (1…500)`, `one of: open, closed`.
    private static func typeText(_ schema: Value, document: Value) -> String {
        let reference = schema["$ref"].text
        if reference.hasPrefix("#/") { return String(reference.split(separator: "/").last ?? "") }
        let choices = schema["enum"].items.map(\.text)
        if !choices.isEmpty { return "one of: " + choices.joined(separator: ", ") }
        let type = schema["type"].items.isEmpty ? schema["type"].text : schema["type"].items.map(\.text).joined(separator: " or ")
        if type == "array" { return "array of " + typeText(schema["items"], document: document) }
        return type.isEmpty ? "value" : type
    }

    /// A JSON example of `schema`: its `example`, else one made from its properties and types.
    private static func example(_ schema: Value, document: Value) -> String {
        var out = ""
        write(schema, document: document, indent: "", depth: 0, into: &out)
        return out
    }

    private static func write(_ schema: Value, document: Value, indent: String, depth: Int, into out: inout String) {
        let schema = resolve(schema, in: document)
        let type = schema["type"].items.first?.text ?? schema["type"].text
        if depth > 4 {
            out += type == "array" ? "[]" : type == "object" ? "{}" : "…"
            return
        }
        if let first = schema["enum"].items.first {
            out += "\"\(first.text)\""
        } else if !schema["oneOf"].items.isEmpty || !schema["anyOf"].items.isEmpty {
            write((schema["oneOf"].items + schema["anyOf"].items)[0], document: document, indent: indent, depth: depth + 1, into: &out)
        } else if type == "object" || !schema["properties"].entries.isEmpty {
            let properties = schema["properties"].entries
            guard !properties.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (name, property)) in properties.enumerated() {
                out += indent + "  \"\(name)\": "
                write(property, document: document, indent: indent + "  ", depth: depth + 1, into: &out)
                out += index == properties.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        } else if type == "array" {
            out += "[\n" + indent + "  "
            write(schema["items"], document: document, indent: indent + "  ", depth: depth + 1, into: &out)
            out += "\n" + indent + "]"
        } else {
            switch type {
            case "integer", "number": out += schema["minimum"].text.isEmpty ? "0" : schema["minimum"].text
            case "boolean": out += "true"
            case "null": out += "null"
            default:
                let format = schema["format"].text
                out += format == "date-time" ? "\"2026-12-07T09:30:00Z\"" : "\"string\""
            }
        }
    }

    /// A YAML node read as a JSON-like value: missing members read as an empty value.
    private struct Value {
        let node: Node?

        init(_ node: Node?) {
            self.node = node
        }

        subscript(_ key: String) -> Value {
            Value(node?.mapping?.first { $0.key.scalar?.value == key }?.value)
        }

        var text: String { node?.scalar.map { $0.isNull ? "" : $0.value } ?? "" }
        var items: [Value] { node?.sequence?.map(Value.init) ?? [] }
        var entries: [(String, Value)] { node?.mapping?.map { ($0.key.scalar?.value ?? "", Value($0.value)) } ?? [] }
    }
}
