import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `casebook export cases` (from a case repository) and `casebook export run` (a run's report
/// from a server).
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export cases as a spreadsheet, or a run's report from a Casebook server.",
        subcommands: [ExportCases.self, RunReport.self])

    struct RunReport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Write a run's report: every execution as CSV or an Excel workbook, the results as JUnit XML, or a Markdown summary.",
            discussion: "JUnit XML lets a CI dashboard show manual results: failed is a failure, blocked an error, the rest not run skipped.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, xlsx, junit, markdown
        }

        @Argument(help: "The run's number.")
        var run: Int
        @Option(help: "csv, xlsx, junit or markdown.")
        var format: Format = .csv
        @OptionGroup var connection: ServerConnection
        @Option(name: [.customShort("o"), .long], help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            try await reportingFailures {
                let data = try await connection.client().download(
                    "/api/v1/projects/\(connection.projectInPath)/runs/\(run)/report?format=\(format.rawValue)")
                try writeExport(data, to: output, binary: format == .xlsx)
            }
        }
    }
}

/// Writes an export to `output`, or to standard output; a workbook (`binary`) is not written to
/// a terminal.
func writeExport(_ data: Data, to output: String?, binary: Bool) throws {
    if let output {
        // Written whole to a file beside the target, then moved: a failed export leaves no half file.
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
        }
    } else if binary, isatty(STDOUT_FILENO) != 0 {
        throw CommandFailure("a workbook is binary: write it to a file with -o FILE.xlsx")
    } else {
        FileHandle.standardOutput.write(data)
    }
}
