import Foundation

/// Cases from a spreadsheet's rows: TestRail's CSV export (its own column names, in any order),
/// or any CSV with a mapping of columns to fields. A row with an empty title (and id) adds one
/// more step to the case above it, as TestRail's CSV import takes separated steps.
package enum SpreadsheetCases {
    /// TestRail's CSV export columns that say nothing about a case's content: left out, and
    /// listed as not imported when they hold anything.
    static let testRailMetadata: Set<String> = [
        "Created By", "Created On", "Updated By", "Updated On", "Forecast", "Milestone", "Suite", "Suite ID", "Section Depth", "Template",
        "Steps (Additional Info)", "Steps (References)", "Steps (Shared step ID)",
    ]

    /// The mapping of TestRail's CSV export with `header`: its own column names; the others
    /// are custom fields.
    package static func testRailMapping(header: [String], file: String) throws(ImportError) -> ImportMapping {
        var mapping = ImportMapping()
        func first(_ names: String...) -> String? { names.first { header.contains($0) } }
        let known: [(String, String?)] = [
            ("id", first("ID")), ("title", first("Title")), ("group", first("Section Hierarchy", "Section")), ("priority", first("Priority")),
            ("type", first("Type")), ("automation", first("Automation Type")), ("estimate", first("Estimate")),
            ("preconditions", first("Preconditions")), ("steps", first("Steps (Step)", "Steps")),
            ("expected", first("Steps (Expected Result)", "Expected Result")), ("requirements", first("References")),
        ]
        for (field, column) in known { if let column { mapping.columns[field] = column } }
        guard mapping.columns["title"] != nil else {
            throw ImportError(
                SourceLocation(file: file, line: 1, column: 1, isRow: true),
                "not a TestRail CSV export: no Title column (the header has: \(header.joined(separator: ", ")))")
        }
        let used = Set(mapping.columns.values).union(["Section", "Section Description", "Steps", "Expected Result"])
        for column in header where !column.isEmpty && !used.contains(column) && !testRailMetadata.contains(column) {
            mapping.fieldColumns.append((Scaffold.slug(column), column))
        }
        return mapping
    }

    /// Reads `table` (the file `file`) by `mapping`; `testRail` reads TestRail's own values
    /// (`None` automation, section descriptions) and lists its metadata columns as not imported.
    package static func read(_ table: DelimitedText, file: String, mapping: ImportMapping, testRail: Bool) throws(ImportError) -> ImportedSuite {
        func columnIndex(_ header: String) throws(ImportError) -> Int {
            guard let index = table.header.firstIndex(of: header) else {
                throw ImportError(
                    SourceLocation(file: file, line: 1, column: 1, isRow: true),
                    "no column '\(header)' in the header (it has: \(table.header.joined(separator: ", ")))")
            }
            return index
        }
        var columns: [String: Int] = [:]
        for (field, header) in mapping.columns { columns[field] = try columnIndex(header) }
        guard columns["title"] != nil || columns["id"] != nil else {
            throw ImportError(
                SourceLocation(file: file, line: 1, column: 1, isRow: true), "the mapping names no title column; add columns: { title: … }")
        }
        var fieldIndexes: [(String, Int)] = []
        for (name, header) in mapping.fieldColumns { fieldIndexes.append((name, try columnIndex(header))) }
        let sectionDescription = testRail ? table.header.firstIndex(of: "Section Description") : nil

        var suite = ImportedSuite()
        var groupIndex: [String: Int] = [:]
        func group(_ path: String, description: String?) -> Int? {
            let separator = path.contains(" > ") ? " > " : "/"
            let names = path.components(separatedBy: separator).map(ImportText.trimmed).filter { !$0.isEmpty }
            var parent: Int?
            var key = ""
            for name in names {
                key += "\u{0}" + name
                if let index = groupIndex[key] {
                    parent = index
                } else {
                    suite.groups.append(ImportedGroup(name: name, description: nil, parent: parent))
                    parent = suite.groups.count - 1
                    groupIndex[key] = parent
                }
            }
            if let parent, let description, !description.isEmpty, suite.groups[parent].description == nil {
                suite.groups[parent].description = description
            }
            return parent
        }
        var fieldValues: [String: [String]] = [:]
        for (row, number) in zip(table.rows, table.rowNumbers) {
            func cell(_ field: String) -> String { columns[field].map { CSVText.unguarded(row[$0]) } ?? "" }
            let location = SourceLocation(file: file, line: number, column: 1, isRow: true)
            let title = ImportText.trimmed(cell("title"))
            let id = ImportText.trimmed(cell("id"))
            let action = cell("steps"), expected = cell("expected")
            if title.isEmpty && id.isEmpty {
                guard !suite.cases.isEmpty else {
                    throw ImportError(location, "the first row has no title: a row without a title adds a step to the case above it")
                }
                suite.cases[suite.cases.count - 1].steps += steps(action: action, expected: expected)
                continue
            }
            var imported = ImportedCase(sourceID: id.isEmpty ? title : id, title: title, location: location)
            imported.group = group(cell("group"), description: sectionDescription.map { row[$0] })
            let priority = ImportText.trimmed(cell("priority")), type = ImportText.trimmed(cell("type"))
            imported.priority = priority.isEmpty ? nil : priority
            imported.type = type.isEmpty ? nil : type
            suite.see(priority: imported.priority, type: imported.type)
            let automation = ImportText.trimmed(cell("automation"))
            if !automation.isEmpty {
                // TestRail's automation types other than None name a tool: automated.
                imported.automation = Self.automation(automation) ?? (testRail ? .automated : nil)
                if imported.automation == nil {
                    suite.notes.append(
                        ImportNote(location, "the automation '\(automation)' (taken as manual; automated, planned or manual are known)"))
                }
            }
            let estimate = ImportText.trimmed(cell("estimate"))
            if !estimate.isEmpty {
                imported.estimate = ImportText.estimate(estimate)
                if imported.estimate == nil {
                    suite.notes.append(ImportNote(location, "the estimate '\(estimate)' (neither seconds nor like 1m 30s)"))
                }
            }
            let preconditions = cell("preconditions")
            imported.preconditions = preconditions.isEmpty ? nil : preconditions
            imported.steps = steps(action: action, expected: expected)
            imported.requirements = ImportText.list(cell("requirements"))
            imported.tags = ImportText.list(cell("tags"))
            let owner = ImportText.trimmed(cell("owner"))
            imported.owner = owner.isEmpty ? nil : owner
            for (name, index) in fieldIndexes where !row[index].isEmpty {
                let value = CSVText.unguarded(row[index])
                imported.fields[name] = value
                fieldValues[name, default: []].append(value)
            }
            suite.cases.append(imported)
        }
        for (name, _) in fieldIndexes {
            let values = fieldValues[name] ?? []
            let type: FieldType =
                values.contains { $0.utf8.contains(10) } ? .text : !values.isEmpty && values.allSatisfy { Int($0) != nil } ? .integer : .string
            suite.declare(field: name, type: type, value: nil)
        }
        if testRail {
            for (index, header) in table.header.enumerated() where testRailMetadata.contains(header) {
                if let row = table.rows.firstIndex(where: { !$0[index].isEmpty }) {
                    suite.notes.append(
                        ImportNote(SourceLocation(file: file, line: table.rowNumbers[row], column: index + 1, isRow: true), "the column '\(header)'"))
                }
            }
        }
        return suite
    }

    /// The steps of one row: a numbered list in the cells is a step for each item; one step
    /// loses its number.
    private static func steps(action: String, expected: String) -> [ImportedStep] {
        let steps = ImportText.steps(action: action, expected: expected)
        guard steps.count == 1 else { return steps }
        return [ImportedStep(action: ImportText.withoutNumber(steps[0].action), expected: ImportText.withoutNumber(steps[0].expected))]
    }

    /// An automation status from a spreadsheet's words (`Automated`, `yes`, `None`, TestRail's
    /// and TestLink's), `nil` when the word is none of them.
    static func automation(_ text: String) -> AutomationStatus? {
        switch text.lowercased() {
        case "automated", "automatic", "auto", "yes", "true", "2": .automated
        case "planned", "to be automated", "to automate": .planned
        case "manual", "none", "no", "false", "1", "0": .manual
        default: nil
        }
    }
}
