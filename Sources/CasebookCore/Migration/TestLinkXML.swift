import Foundation

/// TestLink's XML export of test suites (`testsuite` nested, `testcase` inside) or of test
/// cases (`testcases`), read into an ``ImportedSuite``. Rich text (HTML in CDATA) becomes
/// Markdown; `importance` 3/2/1 is high/medium/low; `execution_type` 2 is automated; keywords are
/// tags; the summary and custom fields are custom fields.
package enum TestLinkXML {
    /// Reads the export `data` of the file `file`.
    package static func read(_ data: Data, file: String) throws(ImportError) -> ImportedSuite {
        let root = try XMLTree.parseExport(data, file: file, kind: "a TestLink export")
        guard root.name == "testsuite" || root.name == "testcases" || root.name == "testcase" else {
            throw ImportError(
                SourceLocation(file: file, line: root.line, column: root.column),
                "not a TestLink export: the root element is <\(root.name)>, TestLink writes <testsuite> or <testcases>")
        }
        var reader = Reader(file: file)
        switch root.name {
        case "testcase": reader.testCase(root, group: nil)
        case "testcases": reader.contents(of: root, group: nil)
        default:
            // The exported suite itself: a named one is a group; the project's unnamed root is not.
            if let name = root.attributes["name"], !name.isEmpty {
                reader.suite(root, parent: nil)
            } else {
                reader.contents(of: root, group: nil)
            }
        }
        return reader.suite
    }

    /// Elements that carry TestLink's bookkeeping, not the case's content.
    private static let bookkeeping: Set<String> = ["node_order", "version", "internalid", "is_open", "active", "status", "externalid", "details"]

    private struct Reader: ExportReader {
        let file: String
        var suite = ImportedSuite()

        static func rich(_ element: XMLTree.Element?) -> String {
            ImportText.trimmed(HTMLText.markdown(element?.text ?? ""))
        }

        mutating func suite(_ element: XMLTree.Element, parent: Int?) {
            let description = Self.rich(element.child("details"))
            suite.groups.append(
                ImportedGroup(name: element.attributes["name"] ?? "", description: description.isEmpty ? nil : description, parent: parent))
            contents(of: element, group: suite.groups.count - 1)
        }

        mutating func contents(of element: XMLTree.Element, group: Int?) {
            for child in element.children {
                switch child.name {
                case "testsuite": suite(child, parent: group)
                case "testcase": testCase(child, group: group)
                case _ where TestLinkXML.bookkeeping.contains(child.name): break
                default: lose(child, "the suite's <\(child.name)>")
                }
            }
        }

        mutating func testCase(_ element: XMLTree.Element, group: Int?) {
            let external = element.text(of: "externalid").map(ImportText.trimmed) ?? ""
            var imported = ImportedCase(
                sourceID: external.isEmpty ? element.attributes["internalid"] ?? "" : external, title: element.attributes["name"] ?? "",
                location: location(element))
            imported.group = group
            for child in element.children {
                let text = ImportText.trimmed(child.text)
                switch child.name {
                case _ where TestLinkXML.bookkeeping.contains(child.name): break
                case "summary":
                    let summary = Self.rich(child)
                    suite.declare(field: "summary", type: .text, value: nil)
                    if !summary.isEmpty { imported.fields["summary"] = summary }
                case "preconditions":
                    let preconditions = Self.rich(child)
                    imported.preconditions = preconditions.isEmpty ? nil : preconditions
                case "importance":
                    imported.priority = ["3": "high", "2": "medium", "1": "low"][text]
                    if imported.priority == nil, !text.isEmpty { lose(child, "the importance '\(text)' (3, 2 or 1)") }
                case "execution_type": imported.automation = text == "2" ? .automated : .manual
                case "estimated_exec_duration" where text.isEmpty: break
                case "estimated_exec_duration":
                    // Minutes, with decimals.
                    if let minutes = Double(text), minutes >= 0 {
                        imported.estimate = Int((minutes * 60).rounded())
                    } else {
                        lose(child, "the estimated duration '\(text)' (minutes)")
                    }
                case "steps": imported.steps = steps(child)
                case "keywords": imported.tags = child.children("keyword").compactMap { $0.attributes["name"] }.filter { !$0.isEmpty }
                case "requirements":
                    imported.requirements = child.children("requirement").compactMap {
                        $0.text(of: "doc_id").map(ImportText.trimmed)
                    }.filter { !$0.isEmpty }
                case "custom_fields": customFields(child, into: &imported)
                default:
                    if !text.isEmpty || !child.children.isEmpty { lose(child, "the test case's <\(child.name)>") }
                }
            }
            suite.see(priority: imported.priority, type: nil)
            suite.cases.append(imported)
        }

        mutating func steps(_ steps: XMLTree.Element) -> [ImportedStep] {
            var numbered: [(Int, ImportedStep)] = []
            for step in steps.children("step") {
                let action = Self.rich(step.child("actions")), expected = Self.rich(step.child("expectedresults"))
                guard !action.isEmpty || !expected.isEmpty else { continue }
                let number = Int(step.text(of: "step_number").map(ImportText.trimmed) ?? "") ?? numbered.count + 1
                numbered.append((number, ImportedStep(action: action, expected: expected)))
            }
            return numbered.sorted { $0.0 < $1.0 }.map(\.1)
        }

        mutating func customFields(_ fields: XMLTree.Element, into imported: inout ImportedCase) {
            for field in fields.children("custom_field") {
                guard let name = field.text(of: "name").map(ImportText.trimmed), !name.isEmpty else {
                    lose(field, "a custom field without a name")
                    continue
                }
                let value = Self.rich(field.child("value"))
                let fieldName = Scaffold.slug(name)
                suite.declare(field: fieldName, type: value.utf8.contains(10) ? .text : .string, value: nil)
                if !value.isEmpty { imported.fields[fieldName] = value }
            }
        }
    }
}
