import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook export cases [PATH] --format csv|xlsx|markdown`: a case repository's cases as a
/// spreadsheet or a Markdown table, filtered as the API's case list.
struct ExportCases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Write the cases as CSV, an Excel workbook or a Markdown table: one row per case.",
        discussion: """
            Columns: ID, Title, Group, Priority, Type, Automation, Owner, Tags, Requirements, Estimate, Preconditions, Steps and \
            Expected Result (numbered lines, shared steps expanded), then each custom field. A CSV export imports again with \
            casebook import cases --from csv (start its mapping with --print-map).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx, markdown
    }

    @Argument(help: "A folder in the case repository (the one with casebook.yaml is found upwards).")
    var path: String = "."
    @Option(help: "csv, xlsx or markdown.")
    var format: Format = .csv
    @Option(help: "Export this branch, tag or commit (like HEAD~2) instead of the files on disk.")
    var ref: String?
    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of standard output.")
    var output: String?
    @Option(name: .customLong("q"), help: "Words that must all occur in the title, preconditions or steps.")
    var words: String?
    @Option(help: "A tag the cases carry (repeat: all of them).")
    var tag: [String] = []
    @Option(help: "A priority (repeat: any of them).")
    var priority: [String] = []
    @Option(help: "A type (repeat: any of them).")
    var type: [String] = []
    @Option(help: "automated, manual or planned (repeat: any of them).")
    var automation: [String] = []
    @Option(help: "An owner (repeat: any of them).")
    var owner: [String] = []
    @Option(help: "A group, with the groups below it.")
    var group: String?
    @Option(help: "A requirement the cases cover.")
    var requirement: String?
    @Option(help: "A custom field's value, as NAME=VALUE (repeat: all of them).")
    var field: [String] = []

    func validate() throws {
        if let bad = field.first(where: { !$0.contains("=") }) { throw ValidationError("--field takes NAME=VALUE, not '\(bad)'") }
    }

    func run() async throws {
        try await reportingFailures {
            let snapshot: Snapshot
            if let ref {
                snapshot = try Snapshot.load(from: try CaseRepository(at: path).tree(at: ref))
            } else {
                snapshot = try Snapshot.load(from: try WorkingTree.discover(from: path))
            }
            let values: [String: [String]] = [
                "q": words.map { [$0] } ?? [], "tag": tag, "priority": priority, "type": type, "automation": automation, "owner": owner,
                "group": group.map { [$0] } ?? [], "requirement": requirement.map { [$0] } ?? [],
            ]
            let fields = field.map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
            }
            let query: CaseQuery
            do {
                query = try CaseQuery(values: { values[$0] ?? [] }, fields: fields, for: snapshot)
            } catch let error as CaseFilterError {
                throw CommandFailure("--\(error.name.hasPrefix("field.") ? "field" : error.name): \(error.message)")
            }
            let table = CaseTable(snapshot: snapshot, query: query)
            let data: Data
            switch format {
            case .csv: data = Data(table.csv.utf8)
            case .markdown: data = Data(table.markdown.utf8)
            case .xlsx:
                do {
                    data = try table.workbook()
                } catch {
                    throw CommandFailure("cannot make the workbook: \(error)")
                }
            }
            try writeExport(data, to: output, binary: format == .xlsx)
        }
    }
}
