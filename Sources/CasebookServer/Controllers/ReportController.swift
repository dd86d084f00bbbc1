import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// `GET /projects/{key}/runs/{run}/report?format=csv|xlsx|junit|markdown`: a run's executions as
/// a spreadsheet (CSV or an Excel workbook), as JUnit XML (so CI dashboards show manual
/// results), or as a Markdown summary. CSV and JUnit are read and written a page at a time, so a
/// run of a million streams; a workbook is one zip file, made whole off the event loops.
struct ReportController {
    let projects: ProjectRegistry
    let database: AppDatabase

    enum Format: String, CaseIterable {
        case csv, xlsx, junit, markdown
    }

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects/{key}/runs/{run}/report", report)
    }

    @Sendable func report(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: ["format"])
        let format = try parameters.one("format", of: Format.self) ?? .csv
        let project = try projects.project(context.parameters.require("key"))
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: project.key)
        let snapshot = project.current.snapshot
        let database = database
        let name = "run-\(runID)"
        switch format {
        case .markdown:
            let progress = try await database.progress(run: runID, project: project.key, snapshot: snapshot, commit: project.current.commit.id)
            let failing = try await database.failing(run: runID, project: project.key)
            let text = RunReport.markdown(run: run, progress: progress, failing: failing, snapshot: snapshot)
            return Download.response(ByteBuffer(string: text), type: "text/markdown; charset=utf-8", file: name + ".md")
        case .xlsx:
            // Written a page at a time to a file, zipped on the pool of blocking threads, then sent
            // from the file: a run of a million executions is never whole in memory.
            let workbook = try Workbook(sheetName: "Run \(runID)", header: RunReport.columns)
            var after: Int64?
            repeat {
                let page = try await database.executions(run: runID, project: run.project, page: PageRequest(limit: 5000, after: after))
                let people = try await database.people(page.rows.flatMap { [$0.executedById, $0.assigneeId] })
                let rows = page.rows.map { execution in
                    zip(RunReport.columns, RunReport.cells(execution, people: people, snapshot: snapshot)).map { column, text -> Workbook.Cell in
                        (column == "execution" || column == "duration") && !text.isEmpty ? .number(Double(text) ?? 0) : .text(text)
                    }
                }
                try await offloaded { try workbook.append(rows) }
                after = page.next
            } while after != nil
            // Opened before the workbook (and its folder) goes: the file is read to its end all the same.
            let file = try FileHandle(forReadingFrom: try await offloaded { try workbook.finish() })
            let body = ResponseBody { writer in
                defer { try? file.close() }
                while let chunk = try await offloaded({ try file.read(upToCount: 1 << 20) }), !chunk.isEmpty {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    .contentDisposition: "attachment; filename=\"\(name).xlsx\"", .cacheControl: "no-store",
                ], body: body)
        case .csv, .junit:
            let header = format == .csv ? RunReport.csvHeader : RunReport.junitHeader(run: run)
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: header))
                var after: Int64?
                repeat {
                    let page = try await database.executions(run: runID, project: run.project, page: PageRequest(limit: 5000, after: after))
                    let people = try await database.people(page.rows.flatMap { [$0.executedById, $0.assigneeId] })
                    var chunk = ""
                    for execution in page.rows {
                        chunk +=
                            format == .csv
                            ? RunReport.csvRow(execution, people: people, snapshot: snapshot)
                            : RunReport.junitCase(execution, people: people, snapshot: snapshot)
                    }
                    try await writer.write(ByteBuffer(string: chunk))
                    after = page.next
                } while after != nil
                if format == .junit { try await writer.write(ByteBuffer(string: "</testsuite>\n")) }
                try await writer.finish(nil)
            }
            let type = format == .csv ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8"
            return Response(
                status: .ok,
                headers: [
                    .contentType: type, .contentDisposition: "attachment; filename=\"\(name).\(format == .csv ? "csv" : "xml")\"",
                    .cacheControl: "no-store",
                ], body: body)
        }
    }

}

/// The pieces of a run's report.
enum RunReport {
    /// The columns of the spreadsheets, CSV and workbook.
    static let columns = [
        "execution", "case", "title", "device", "group", "status", "assignee", "executed by", "started", "finished", "duration", "defects",
        "notes", "case version",
    ]
    static let csvHeader = CSVText.row(columns)

    /// One execution as a CSV line.
    static func csvRow(_ execution: Execution, people: People, snapshot: Snapshot) -> String {
        CSVText.row(cells(execution, people: people, snapshot: snapshot))
    }

    /// One execution's cells, as ``columns`` names them.
    static func cells(_ execution: Execution, people: People, snapshot: Snapshot) -> [String] {
        [
            "\(execution.id ?? 0)", execution.caseId, snapshot.testCase(execution.caseId)?.title ?? "", execution.deviceId ?? "",
            execution.groupPath, execution.status.rawValue, people[execution.assigneeId]?.username ?? "",
            people[execution.executedById]?.username ?? "", execution.startedAt.map(ISO8601.string) ?? "",
            execution.finishedAt.map(ISO8601.string) ?? "", execution.duration.map { String($0) } ?? "", execution.defects.joined(separator: " "),
            execution.notes ?? "", execution.caseVersion,
        ]
    }

    static func junitHeader(run: Run) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"\(xml(run.title))\" id=\"\(run.id ?? 0)\" timestamp=\"\(ISO8601.string(run.createdAt))\">\n"
            + "<properties><property name=\"plan\" value=\"\(xml(run.planId))\"/><property name=\"build\" value=\"\(xml(run.build ?? ""))\"/>"
            + "<property name=\"commit\" value=\"\(run.commitId)\"/></properties>\n"
    }

    /// One execution as a `testcase`: failed → `failure`, blocked → `error`, untested, skipped and
    /// retest → `skipped`; the note and defects in `system-out`.
    static func junitCase(_ execution: Execution, people: People, snapshot: Snapshot) -> String {
        let title = snapshot.testCase(execution.caseId)?.title ?? ""
        let name = "\(execution.caseId) \(title)" + (execution.deviceId.map { " [\($0)]" } ?? "")
        var out = "<testcase classname=\"\(xml(execution.groupPath.replacingOccurrences(of: "/", with: ".")))\" name=\"\(xml(name))\""
        if let duration = execution.duration { out += " time=\"\(duration)\"" }
        out += ">"
        let message = xml(execution.notes ?? "")
        switch execution.status {
        case .failed: out += "<failure message=\"\(message)\"/>"
        case .blocked: out += "<error message=\"blocked: \(message)\"/>"
        case .untested, .skipped, .retest: out += "<skipped message=\"\(execution.status.rawValue)\"/>"
        case .passed: break
        }
        var details: [String] = []
        if let by = people[execution.executedById]?.username { details.append("executed by \(by)") }
        if !execution.defects.isEmpty { details.append("defects: " + execution.defects.joined(separator: ", ")) }
        if let notes = execution.notes, !notes.isEmpty { details.append(notes) }
        if !details.isEmpty { out += "<system-out>\(ValidationReport.xml(details.joined(separator: "\n"), attribute: false))</system-out>" }
        return out + "</testcase>\n"
    }

    /// The run's summary for a chat message or a pull request: counts, pass rate, and what failed.
    static func markdown(run: Run, progress: RunProgress, failing: [Execution], snapshot: Snapshot) -> String {
        var out = "### \(run.title) (run \(run.id ?? 0))\n\n"
        out += "Plan \(run.planId)" + (run.build.map { ", build \($0)" } ?? "") + ", commit `\(run.commitId.prefix(12))`\n\n"
        out += "| Status | Executions |\n|---|---:|\n"
        for status in ExecutionStatus.allCases { out += "| \(status.rawValue) | \(progress.statuses[status] ?? 0) |\n" }
        out += "\n**Pass rate:** " + (progress.passRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—") + "\n"
        if !failing.isEmpty {
            out += "\n**Failed and blocked**\n\n"
            for execution in failing {
                let title = snapshot.testCase(execution.caseId)?.title ?? ""
                out += "- \(execution.status.rawValue): \(execution.caseId) \(title)" + (execution.deviceId.map { " on \($0)" } ?? "")
                if !execution.defects.isEmpty { out += " — " + execution.defects.joined(separator: ", ") }
                if let notes = execution.notes, !notes.isEmpty { out += " — " + notes.replacingOccurrences(of: "\n", with: " ") }
                out += "\n"
            }
        }
        return out
    }

    /// `text` as an XML attribute value, escaped as the validation report's JUnit output escapes it.
    private static func xml(_ text: String) -> String {
        ValidationReport.xml(text, attribute: true)
    }
}
