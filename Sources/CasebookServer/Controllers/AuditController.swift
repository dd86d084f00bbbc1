import CasebookCore
import CasebookStore
import Hummingbird

/// `/audit`: who wrote what and when, for admins.
struct AuditController {
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.get("/audit", list)
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: ["user", "action", "target", "targetId", "limit", "cursor"])
        let filter = AppDatabase.AuditFilter(
            username: parameters.string("user"), action: parameters.string("action"), targetKind: parameters.string("target"),
            targetID: parameters.string("targetId"))
        let entries: Page<AuditEntry>
        do {
            entries = try await database.auditLog(filter, page: try parameters.page(defaultLimit: 100), by: try context.requirePrincipal)
        } catch StoreError.notFound(let what, let name) {
            throw Problem.badParameter("user", "no \(what) '\(name)'; user takes a username")
        }
        let usernames = try await database.usernames(entries.rows.compactMap(\.userId))
        return JSONResponse.read(
            request,
            PageJSON.members(entries, "entries") { entry in
                .object([
                    ("id", .optional(entry.id)),
                    ("at", .date(entry.at)),
                    ("user", .optional(entry.userId.flatMap { usernames[$0] })),
                    ("action", .string(entry.action)),
                    ("target", .object([("kind", .string(entry.targetKind)), ("id", .string(entry.targetId))])),
                    ("summary", .string(entry.summary)),
                ])
            })
    }
}
