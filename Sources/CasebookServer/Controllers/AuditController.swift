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
            username: parameters.string("user"), action: try parameters.one("action", of: AuditAction.self),
            targetKind: try parameters.one("target", of: AuditTarget.self), targetID: parameters.string("targetId"))
        let entries: Page<AuditEntry>
        do {
            entries = try await database.auditLog(filter, page: try parameters.page(defaultLimit: 100), by: try context.requirePrincipal)
        } catch StoreError.notFound(let what, let name) {
            throw Problem.notFound(what, name)
        }
        let people = try await database.people(entries.rows.map(\.userId))
        return JSONResponse.read(
            request,
            PageJSON.members(entries, "entries") { entry in
                .object([
                    ("id", .optional(entry.id)),
                    ("at", .date(entry.at)),
                    ("user", AccountJSON.person(people[entry.userId])),
                    ("action", .string(entry.action)),
                    ("target", .object([("kind", .string(entry.targetKind)), ("id", .string(entry.targetId))])),
                    ("summary", .string(entry.summary)),
                ])
            })
    }
}
