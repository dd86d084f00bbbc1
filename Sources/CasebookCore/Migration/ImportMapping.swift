import CasebookYAML
import Foundation

/// The `--map` file of `casebook import cases`: which spreadsheet column holds which case field,
/// and which project priority or type an export's value becomes.
///
/// ```yaml
/// columns:
///   id: ID
///   title: Title
///   group: Section          # nested with " > " or "/"
///   steps: Steps
///   expected: Expected Result
///   fields: { component: Component }
/// priorities: { P1: critical }
/// types: { Other: functional }
/// ```
package struct ImportMapping: Sendable, Equatable {
    /// The case fields a column can hold, in the order a mapping lists them.
    package static let caseColumns = [
        "id", "title", "group", "priority", "type", "automation", "owner", "estimate", "preconditions", "steps", "expected", "requirements",
        "tags",
    ]

    /// Case field (one of ``caseColumns``) → column header.
    package var columns: [String: String] = [:]
    /// Custom field name → column header, in the file's order.
    package var fieldColumns: [(String, String)] = []
    /// The export's value → the project's value.
    package var priorities: [String: String] = [:]
    package var types: [String: String] = [:]

    package init() {}

    /// Reads the mapping file `file`.
    package init(parsing bytes: [UInt8], file: String) throws(ImportError) {
        func fail(_ mark: Mark, _ message: String) -> ImportError {
            ImportError(SourceLocation(file: file, line: mark.line, column: mark.column), message)
        }
        let root: Node?
        do {
            root = try YAMLParser.parse(bytes)
        } catch {
            throw fail(error.mark, error.message)
        }
        guard let root else { return }
        guard let entries = root.mapping else { throw fail(root.mark, "a mapping file is a mapping with columns, priorities and types") }
        func pairs(_ node: Node, _ what: String) throws(ImportError) -> [(String, String, Mark)] {
            guard let entries = node.mapping else { throw fail(node.mark, "\(what) must be a mapping of names to names") }
            var out: [(String, String, Mark)] = []
            for entry in entries {
                guard let key = entry.key.scalar?.value, let value = entry.value.scalar, !value.isNull else {
                    throw fail(entry.key.mark, "\(what): each entry is a name and a text")
                }
                out.append((key, value.value, entry.key.mark))
            }
            return out
        }
        for entry in entries {
            switch entry.key.scalar?.value {
            case "columns":
                guard let columns = entry.value.mapping else { throw fail(entry.value.mark, "columns must map case fields to column headers") }
                for column in columns {
                    let name = column.key.scalar?.value ?? ""
                    if name == "fields" {
                        fieldColumns = try pairs(column.value, "columns.fields").map { ($0.0, $0.1) }
                    } else if Self.caseColumns.contains(name), let header = column.value.scalar, !header.isNull {
                        self.columns[name] = header.value
                    } else {
                        throw fail(
                            column.key.mark,
                            "unknown column field '\(name)'\(Suggestion.hint(for: name, in: Self.caseColumns + ["fields"])); allowed: \((Self.caseColumns + ["fields"]).joined(separator: ", "))"
                        )
                    }
                }
            case "priorities": priorities = Dictionary(try pairs(entry.value, "priorities").map { ($0.0, $0.1) }) { first, _ in first }
            case "types": types = Dictionary(try pairs(entry.value, "types").map { ($0.0, $0.1) }) { first, _ in first }
            default:
                throw fail(
                    entry.key.mark, "unknown key '\(entry.key.scalar?.value ?? "")' in a mapping file; allowed keys: columns, priorities, types")
            }
        }
    }

    package static func == (lhs: ImportMapping, rhs: ImportMapping) -> Bool {
        lhs.columns == rhs.columns && lhs.fieldColumns.elementsEqual(rhs.fieldColumns, by: ==) && lhs.priorities == rhs.priorities
            && lhs.types == rhs.types
    }

    /// A starting mapping for a spreadsheet with `headers`: each header that names a case field
    /// (in English, as TestRail and most tools write them) maps to it, the others to custom fields.
    package static func starting(headers: [String]) -> String {
        var out = "# casebook import cases --from csv --map THIS-FILE: which column holds which case field.\n"
        out += "# Case fields: \(caseColumns.joined(separator: ", ")). Other columns become custom fields.\ncolumns:\n"
        var custom: [String] = []
        var used: Set<String> = []
        // A column of the importer's own field is the id of an earlier migration: the id column replaces it.
        for header in headers where !header.isEmpty && header != CaseImport.sourceField {
            if let field = guess(header), !used.contains(field) {
                used.insert(field)
                out += "  \(field): \(YAMLText.scalar(header, indent: 2))\n"
            } else {
                custom.append(header)
            }
        }
        for field in caseColumns where !used.contains(field) { out += "  # \(field): \n" }
        if !custom.isEmpty {
            out += "  fields:\n"
            for header in custom { out += "    \(Scaffold.slug(header)): \(YAMLText.scalar(header, indent: 4))\n" }
        }
        out += "# The export's priorities and types as the project's (else matched regardless of case, or added):\n"
        out += "# priorities: { P1: critical }\n# types: { Other: functional }\n"
        return out
    }

    private static func guess(_ header: String) -> String? {
        let words = header.lowercased().filter { $0.isLetter || $0 == " " }
        switch ImportText.trimmed(words) {
        case "id", "case", "case id", "key", "external id", "test case id": return "id"
        case "title", "name", "summary", "test case": return "title"
        case "section", "section hierarchy", "group", "folder", "suite", "module", "path": return "group"
        case "priority", "prio", "importance": return "priority"
        case "type", "case type": return "type"
        case "automation", "automation type", "automated", "execution type": return "automation"
        case "owner", "author", "assignee": return "owner"
        case "estimate", "duration", "estimated time": return "estimate"
        case "preconditions", "precondition", "prerequisites", "setup": return "preconditions"
        case "steps", "step", "actions", "steps step", "test steps": return "steps"
        case "expected", "expected result", "expected results", "steps expected result": return "expected"
        case "references", "requirements", "refs", "requirement": return "requirements"
        case "tags", "labels", "keywords": return "tags"
        default: return nil
        }
    }
}
