import CasebookCore
import CasebookStore
import Hummingbird

/// `/tokens`: the signed-in user's API tokens for CI and dashboards.
struct TokensController {
    let projects: ProjectRegistry
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.post("/tokens", create)
        endpoints.get("/tokens", list)
        endpoints.delete("/tokens/{id}", revoke)
    }

    struct NewToken: JSONObjectBody {
        var name: String
        var scopes: [String]
        /// The projects the token is limited to; left out: every project its user may read.
        var projects: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, scopes, projects
        }
    }

    @Sendable func create(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let body = try await JSONBody.decode(NewToken.self, from: request)
        if let bad = body.scopes.first(where: { !["read", "write"].contains($0) }) {
            throw Problem.invalidValue("scopes", "unknown scope '\(bad)'; scopes are: read, write")
        }
        guard !body.scopes.isEmpty, Set(body.scopes).count == body.scopes.count else {
            throw Problem.invalidValue("scopes", "scopes names read, or read and write, each once")
        }
        if let keys = body.projects {
            guard !keys.isEmpty else { throw Problem.invalidValue("projects", "projects names at least one project; leave it out for every project") }
            if let unknown = keys.first(where: { (try? projects.project($0)) == nil || principal.role(in: $0) == nil }) {
                throw Problem.invalidValue("projects", "no project '\(unknown)' that \(principal.username) may read")
            }
        }
        let (record, token) = try await database.createAPIToken(
            name: body.name, canWrite: body.scopes.contains("write"), projects: body.projects.map { Array(Set($0)).sorted() }, by: principal)
        let people = try await database.people([record.userId])
        return JSONResponse.make(.created, [("token", .string(token.text))] + AccountJSON.token(record, people: people))
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let user = try QueryParameters(request, accepting: ["user"]).string("user")
        let tokens: [APIToken]
        do {
            tokens = try await database.apiTokens(of: user, by: try context.requirePrincipal)
        } catch StoreError.notFound(let what, let name) {
            throw Problem.notFound(what, name)
        }
        let people = try await database.people(tokens.map(\.userId))
        return JSONResponse.read(request, [("tokens", .array(tokens.map { .object(AccountJSON.token($0, people: people)) }))])
    }

    @Sendable func revoke(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await database.revokeAPIToken(try context.parameters.requireID("id", naming: "token"), by: try context.requirePrincipal)
        return JSONResponse.noContent
    }
}
