import Foundation

/// The cases of a snapshot as a table, one row per case, for spreadsheets and Markdown: the
/// columns `casebook import cases --from csv --print-map` recognises, so that an export can be
/// imported again.
package struct CaseTable: Sendable {
    /// The column names: the case's own, then each custom field the project declares.
    package var header: [String]
    /// One row of texts per case, as many as the header.
    package var rows: [[String]]

    package static let caseColumns = [
        "ID", "Title", "Group", "Priority", "Type", "Automation", "Owner", "Tags", "Requirements", "Estimate", "Preconditions", "Steps",
        "Expected Result",
    ]

    /// The cases of `snapshot` that `query` selects (its filters, not its page), in file order.
    package init(snapshot: Snapshot, query: CaseQuery) {
        let fields = snapshot.settings.fields
        header = Self.caseColumns + fields.map(\.name)
        rows = []
        for testCase in snapshot.cases where query.matches(testCase) {
            let steps = snapshot.expandedSteps(testCase.steps).map { step -> (String, String) in
                switch step.kind {
                case .action(let action, let expected): (action, expected)
                case .use(let block): ("use: \(block)", "")
                }
            }
            let numbered = { (texts: [String]) -> String in
                texts.allSatisfy(\.isEmpty) ? "" : texts.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "\n")
            }
            var row = [
                testCase.id, testCase.title, testCase.group, testCase.priority, testCase.type, testCase.automation.status.rawValue,
                testCase.owner ?? "", testCase.tags.joined(separator: ", "), testCase.requirements.joined(separator: ", "),
                testCase.estimate.map(DurationText.format) ?? "", testCase.preconditions ?? "", numbered(steps.map(\.0)), numbered(steps.map(\.1)),
            ]
            for field in fields { row.append(testCase.fields[field.name]?.text ?? "") }
            rows.append(row)
        }
    }

    /// The table as CSV.
    package var csv: String {
        CSVText.row(header) + rows.map(CSVText.row).joined()
    }

    /// The table as a Markdown table: pipes escaped, line breaks as `<br>`.
    package var markdown: String {
        func cell(_ text: String) -> String {
            text.replacing("\\", with: "\\\\").replacing("|", with: "\\|").replacing("\r\n", with: "<br>").replacing("\n", with: "<br>")
        }
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// The table as an `.xlsx` workbook of one sheet, `Cases`.
    package func workbook() throws -> Data {
        try Workbook.data(sheetName: "Cases", header: header, rows: rows.map { $0.map(Workbook.Cell.text) })
    }
}
