import Foundation

/// TestRail's suite export (`suite > sections > section > cases > case`, sections nested in
/// `sections`), read into an ``ImportedSuite``.
package enum TestRailXML {
    /// Reads the export `data` of the file `file`.
    package static func read(_ data: Data, file: String) throws(ImportError) -> ImportedSuite {
        let root = try XMLTree.parseExport(data, file: file, kind: "a TestRail export")
        guard root.name == "suite" else {
            throw ImportError(
                SourceLocation(file: file, line: root.line, column: root.column),
                "not a TestRail suite export: the root element is <\(root.name)>, TestRail writes <suite>")
        }
        var reader = Reader(file: file)
        for child in root.children {
            switch child.name {
            case "id", "name": break
            case "description" where ImportText.value(child.text).isEmpty: break
            case "sections": reader.sections(child, parent: nil)
            case "cases": reader.cases(child, group: nil)
            default: reader.lose(child, "the suite's <\(child.name)>")
            }
        }
        return reader.suite
    }

    private struct Reader: ExportReader {
        let file: String
        var suite = ImportedSuite()

        mutating func sections(_ sections: XMLTree.Element, parent: Int?) {
            for section in sections.children {
                guard section.name == "section" else {
                    lose(section, "<\(section.name)> among sections")
                    continue
                }
                let description = section.text(of: "description").map(ImportText.value) ?? ""
                suite.groups.append(
                    ImportedGroup(
                        name: section.text(of: "name").map(ImportText.value) ?? "", description: description.isEmpty ? nil : description,
                        parent: parent))
                let index = suite.groups.count - 1
                for child in section.children {
                    switch child.name {
                    case "name", "description", "id": break
                    case "cases": self.cases(child, group: index)
                    case "sections": self.sections(child, parent: index)
                    default: lose(child, "the section's <\(child.name)>")
                    }
                }
            }
        }

        mutating func cases(_ cases: XMLTree.Element, group: Int?) {
            for element in cases.children {
                guard element.name == "case" else {
                    lose(element, "<\(element.name)> among cases")
                    continue
                }
                var imported = ImportedCase(
                    sourceID: element.text(of: "id").map(ImportText.value) ?? "", title: element.text(of: "title").map(ImportText.value) ?? "",
                    location: location(element))
                imported.group = group
                for child in element.children {
                    let text = ImportText.value(child.text)
                    switch child.name {
                    case "id", "title", "template": break
                    case "type": imported.type = text.isEmpty ? nil : text
                    case "priority": imported.priority = text.isEmpty ? nil : text
                    case "estimate" where text.isEmpty: break
                    case "estimate":
                        if let seconds = ImportText.estimate(text) {
                            imported.estimate = seconds
                        } else {
                            lose(child, "the estimate '\(text)' (neither seconds nor like 1m 30s)")
                        }
                    case "references": imported.requirements = ImportText.list(text)
                    case "custom": custom(child, into: &imported)
                    default:
                        if !text.isEmpty || !child.children.isEmpty { lose(child, "the case's <\(child.name)>") }
                    }
                }
                suite.see(priority: imported.priority, type: imported.type)
                suite.cases.append(imported)
            }
        }

        mutating func custom(_ custom: XMLTree.Element, into imported: inout ImportedCase) {
            var action = "", expected = ""
            for field in custom.children {
                let text = ImportText.value(field.text)
                switch field.name {
                case "preconds": imported.preconditions = text.isEmpty ? nil : text
                case "steps": action = text
                case "expected": expected = text
                case "steps_separated": imported.steps += steps(field)
                case "automation_type": imported.automation = automation(field)
                default:
                    if field.child("value") != nil {
                        let value = ImportText.trimmed(field.text(of: "value") ?? "")
                        suite.declare(field: field.name, type: .enum, value: value.isEmpty ? nil : value)
                        if !value.isEmpty { imported.fields[field.name] = value }
                    } else if !field.children.isEmpty {
                        lose(field, "the custom field <\(field.name)> (a kind of value the importer does not know)")
                    } else {
                        let type: FieldType = text.utf8.contains(10) ? .text : Int(text) != nil ? .integer : .string
                        suite.declare(field: field.name, type: type, value: nil)
                        if !text.isEmpty { imported.fields[field.name] = text }
                    }
                }
            }
            imported.steps = ImportText.steps(action: action, expected: expected) + imported.steps
        }

        mutating func steps(_ separated: XMLTree.Element) -> [ImportedStep] {
            var steps: [(Int, ImportedStep)] = []
            for step in separated.children {
                var content = "", expected = ""
                for part in step.children {
                    switch part.name {
                    case "index": break
                    case "content": content = ImportText.value(part.text)
                    case "expected": expected = ImportText.value(part.text)
                    default:
                        if !ImportText.value(part.text).isEmpty || !part.children.isEmpty { lose(part, "the step's <\(part.name)>") }
                    }
                }
                guard !content.isEmpty || !expected.isEmpty else { continue }
                let index = step.text(of: "index").flatMap { Int(ImportText.trimmed($0)) } ?? steps.count + 1
                steps.append((index, ImportedStep(action: content, expected: expected)))
            }
            return steps.sorted { $0.0 < $1.0 }.map(\.1)
        }

        /// TestRail's automation type: `None` (id 0) is manual, any other is automated.
        func automation(_ field: XMLTree.Element) -> AutomationStatus {
            let id = field.text(of: "id").map(ImportText.trimmed)
            let value = field.text(of: "value").map(ImportText.trimmed)?.lowercased() ?? ""
            if id == "0" || value == "none" || value.isEmpty { return .manual }
            return value.contains("plan") ? .planned : .automated
        }
    }
}
