import CasebookCore
import CasebookStore
import Hummingbird

/// `/tokens`: the signed-in user's API tokens for CI and dashboards.
struct TokensController {
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.post("/tokens", create)
        endpoints.get("/tokens", list)
        endpoints.delete("/tokens/{id}", revoke)
    }

    struct NewToken: JSONObjectBody {
        var name: String
        var scopes: [String]

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, scopes
        }
    }

    @Sendable func create(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let body = try await JSONBody.decode(NewToken.self, from: request)
        if let bad = body.scopes.first(where: { !["read", "write"].contains($0) }) {
            throw Problem.invalidValue("scopes", "unknown scope '\(bad)'; scopes are: read, write")
        }
        let (record, token) = try await database.createAPIToken(name: body.name, canWrite: body.scopes.contains("write"), by: principal)
        return JSONResponse.make(.created, [("token", .string(token.text))] + AccountJSON.token(record))
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let tokens = try await database.apiTokens(of: try context.requirePrincipal)
        return JSONResponse.read(request, [("tokens", .array(tokens.map { .object(AccountJSON.token($0)) }))])
    }

    @Sendable func revoke(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await database.revokeAPIToken(try context.parameters.requireID("id", naming: "token"), by: try context.requirePrincipal)
        return JSONResponse.noContent
    }
}
