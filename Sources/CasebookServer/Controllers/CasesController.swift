import CasebookCore
import CasebookStore
import Hummingbird

/// `/projects/{key}/cases`: the case list with its filters, its export, one case, and its history.
struct CasesController {
    let projects: ProjectRegistry

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects/{key}/cases", list)
        endpoints.get("/projects/{key}/cases/export", export)
        endpoints.get("/projects/{key}/cases/{id}", show)
        endpoints.get("/projects/{key}/cases/{id}/history", history)
    }

    /// The parameters of the case list besides `field.NAME`.
    static let listParameters = ["q", "tag", "priority", "type", "automation", "owner", "group", "requirement", "sort", "limit", "cursor"]

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: Self.listParameters, prefixes: ["field."])
        let served = try await projects.project(context.parameters.require("key")).snapshot(at: parameters.ref)
        return try SnapshotResponse.json(request, served) {
            let query = try Self.query(parameters, for: served.snapshot)
            let page = served.snapshot.cases(matching: query)
            return [
                ("total", .number(page.total)),
                ("limit", .number(query.limit)),
                ("sort", .string(query.sort.description)),
                ("nextCursor", .optional(page.next?.token)),
                ("cases", .array(page.cases.map(CaseJSON.summary))),
            ]
        }
    }

    /// The formats of ``export(_:context:)``.
    enum ExportFormat: String, CaseIterable {
        case csv, xlsx, markdown
    }

    /// The cases the list's filters select as a spreadsheet or a Markdown table, made off the
    /// event loops.
    @Sendable func export(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let filters = ["format", "q", "tag", "priority", "type", "automation", "owner", "group", "requirement"]
        let parameters = try QueryParameters(request, accepting: filters, prefixes: ["field."])
        let format = try parameters.one("format", of: ExportFormat.self) ?? .csv
        let key = try context.parameters.require("key")
        let snapshot = try await projects.project(key).snapshot(at: parameters.ref).snapshot
        let query: CaseQuery
        do {
            query = try CaseQuery(values: parameters.all, fields: parameters.family("field."), for: snapshot)
        } catch {
            throw Problem.badParameter(error.name, error.message)
        }
        let bytes = try await offloaded { () throws -> [UInt8] in
            let table = CaseTable(snapshot: snapshot, query: query)
            switch format {
            case .csv: return Array(table.csv.utf8)
            case .markdown: return Array(table.markdown.utf8)
            case .xlsx: return Array(try table.workbook())
            }
        }
        let types: [ExportFormat: String] = [
            .csv: "text/csv; charset=utf-8", .markdown: "text/markdown; charset=utf-8",
            .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
        return Download.response(ByteBuffer(bytes: bytes), type: types[format]!, file: "\(key)-cases.\(format == .markdown ? "md" : format.rawValue)")
    }

    @Sendable func show(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let served = try await projects.project(context.parameters.require("key")).snapshot(at: parameters.ref)
        let id = try context.parameters.require("id")
        guard let testCase = served.testCase(id) else { throw Problem.notFound("case", id) }
        return SnapshotResponse.json(request, served) { [("case", CaseJSON.detail(testCase, in: served))] }
    }

    @Sendable func history(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request)
        let project = try projects.project(context.parameters.require("key"))
        let served = try await project.snapshot(at: parameters.ref)
        let id = try context.parameters.require("id")
        guard let testCase = served.testCase(id) else { throw Problem.notFound("case", id) }
        if let notModified = SnapshotResponse.notModified(request, version: served.commit.id) { return notModified }
        let revisions = try await project.repository.history(ofCase: id, at: testCase.path, from: served.commit.id)
        return SnapshotResponse.json(request, served) {
            [
                ("case", .string(id)),
                (
                    "commits",
                    .array(
                        revisions.map { revision in
                            .object([
                                ("id", .string(revision.commit.id)), ("author", .string(revision.commit.authorName)),
                                ("email", .string(revision.commit.authorEmail)), ("date", .string(revision.commit.date)),
                                ("message", .string(revision.commit.message)), ("change", .string(revision.change.rawValue)),
                                ("path", .string(revision.path)), ("previousPath", .optional(revision.previousPath)),
                            ])
                        })
                ),
            ]
        }
    }

    /// The case query the list's parameters ask for, checked against the project's settings.
    static func query(_ parameters: QueryParameters, for snapshot: Snapshot) throws(Problem) -> CaseQuery {
        var query: CaseQuery
        do {
            query = try CaseQuery(values: parameters.all, fields: parameters.family("field."), for: snapshot)
        } catch {
            throw .badParameter(error.name, error.message)
        }
        if let sort = parameters.string("sort") {
            guard let parsed = CaseSort(sort) else {
                let keys = CaseSort.Key.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badParameter("sort", "cannot sort by '\(sort)'; sort accepts \(keys), each with - in front for descending order")
            }
            query.sort = parsed
        }
        query.limit = try parameters.integer("limit", in: 1...500, default: 50)
        if let token = parameters.string("cursor") {
            guard let cursor = CaseCursor(token: token) else {
                throw .badParameter("cursor", "'\(token)' is not a cursor; pass the nextCursor of the previous page as it was")
            }
            query.cursor = cursor
        }
        return query
    }
}
