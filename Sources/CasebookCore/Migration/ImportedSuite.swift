/// Cases read from another tool's export (TestRail, TestLink, a spreadsheet), before they are
/// files: what every reader makes and ``CaseImport`` writes.
package struct ImportedSuite: Sendable {
    /// Cases in the export's order.
    package var cases: [ImportedCase] = []
    /// Groups (sections, test suites) in the export's order; a case names its group by index.
    package var groups: [ImportedGroup] = []
    /// Custom fields the cases carry, in the order first seen.
    package var fields: [ImportedField] = []
    /// Priorities and types as the export writes them, in the order first seen.
    package var priorities: [String] = []
    package var types: [String] = []
    /// What was not carried over, or was filled in, each with where it was read.
    package var notes: [ImportNote] = []

    package init() {}

    /// Adds `value` to the values of field `name` (declared as `type` when first seen).
    package mutating func declare(field name: String, type: FieldType, value: String?) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            if let value, type == .enum, !fields[index].values.contains(value) { fields[index].values.append(value) }
            // Text wins over a string, a string over an integer: the type that holds every value.
            let kinds: [FieldType] = [.integer, .string, .text]
            if let old = kinds.firstIndex(of: fields[index].type), let new = kinds.firstIndex(of: type), new > old { fields[index].type = type }
        } else {
            fields.append(ImportedField(name: name, type: type, values: type == .enum ? value.map { [$0] } ?? [] : []))
        }
    }

    /// Adds the cases, groups, fields and notes of `other` (the next file of one import).
    package mutating func append(_ other: ImportedSuite) {
        let offset = groups.count
        groups += other.groups.map { group in
            var group = group
            group.parent = group.parent.map { $0 + offset }
            return group
        }
        cases += other.cases.map { imported in
            var imported = imported
            imported.group = imported.group.map { $0 + offset }
            return imported
        }
        for field in other.fields {
            for value in field.values { declare(field: field.name, type: field.type, value: value) }
            if field.values.isEmpty { declare(field: field.name, type: field.type, value: nil) }
        }
        for priority in other.priorities { see(priority: priority, type: nil) }
        for type in other.types { see(priority: nil, type: type) }
        notes += other.notes
    }

    /// Records a priority and a type in the order first seen.
    package mutating func see(priority: String?, type: String?) {
        if let priority, !priority.isEmpty, !priorities.contains(priority) { priorities.append(priority) }
        if let type, !type.isEmpty, !types.contains(type) { types.append(type) }
    }
}

/// One case from an export.
package struct ImportedCase: Sendable, Equatable {
    /// The id in the other tool (`C1234`, TestLink's external id), kept in the `source-id` field.
    package var sourceID: String
    package var title: String
    /// Index into ``ImportedSuite/groups``, `nil` at the top.
    package var group: Int?
    /// Priority and type as the export writes them (`High`, `Smoke & Sanity`).
    package var priority: String?
    package var type: String?
    package var automation: AutomationStatus?
    package var estimate: Int?
    package var preconditions: String?
    package var steps: [ImportedStep] = []
    package var requirements: [String] = []
    package var tags: [String] = []
    package var owner: String?
    /// Custom field values by field name, as text (an enum's value, a number as written).
    package var fields: [String: String] = [:]
    /// Where the case is in the export.
    package var location: SourceLocation

    package init(sourceID: String, title: String, location: SourceLocation) {
        self.sourceID = sourceID
        self.title = title
        self.location = location
    }
}

/// One step: what to do and what should happen (either may be empty, not both).
package struct ImportedStep: Sendable, Equatable {
    package var action: String
    package var expected: String

    package init(action: String, expected: String) {
        self.action = action
        self.expected = expected
    }
}

/// A section or test suite; its folder is made from its name.
package struct ImportedGroup: Sendable, Equatable {
    package var name: String
    package var description: String?
    /// Index of the group that holds it, `nil` at the top.
    package var parent: Int?

    package init(name: String, description: String?, parent: Int?) {
        self.name = name
        self.description = description
        self.parent = parent
    }
}

/// A custom field the export's cases carry, declared in `casebook.yaml` by the import.
package struct ImportedField: Sendable, Equatable {
    package var name: String
    package var type: FieldType
    /// An enum's values in the order first seen.
    package var values: [String]
}

/// A place in an export: `file:line:column` for XML, row and column for CSV.
package struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int
    /// Whether `line` is a CSV row (counted from the header's 1) and `column` a column.
    package var isRow = false

    package init(file: String, line: Int, column: Int, isRow: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.isRow = isRow
    }

    package var description: String {
        isRow ? "\(file): row \(line), column \(column)" : "\(file):\(line):\(column)"
    }
}

/// Something of the export the import did not carry over (``isLoss``), or filled in.
package struct ImportNote: Sendable, Equatable, CustomStringConvertible {
    package var location: SourceLocation
    package var message: String
    /// Whether something of the export is not in the written files (`--strict` fails on it).
    package var isLoss: Bool

    package init(_ location: SourceLocation, _ message: String, isLoss: Bool = true) {
        self.location = location
        self.message = message
        self.isLoss = isLoss
    }

    package var description: String { "\(location): \(isLoss ? "not imported" : "note"): \(message)" }
}

/// Why an export cannot be read: where, and what is wrong. Nothing is written.
package struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    package var location: SourceLocation
    package var message: String

    package init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    package var description: String { "\(location): \(message)" }
}
