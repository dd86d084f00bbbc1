import CasebookStore
import Hummingbird

/// Reads the bearer token of every `/api/v1` request (but login) and checks it against its
/// session or API-token row, so that logout and revocation take effect on the next request.
/// Without one, the pages' session cookie stands in for it (a write must then carry the
/// session's CSRF token in `X-CSRF-Token`, which another site's page cannot know); without
/// either, a GET is served as anonymous only when the server allows anonymous reads.
struct AuthMiddleware: RouterMiddleware {
    let database: AppDatabase
    let anonymousRead: Bool

    func handle(_ request: Request, context: CasebookRequestContext, next: (Request, CasebookRequestContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.principal = try await principal(of: request)
        return try await next(request, context)
    }

    /// Who `request` acts as: its bearer token's user, or its session cookie's, or anonymous for
    /// a read when anonymous reads are on; 401 otherwise.
    func principal(of request: Request) async throws -> Principal {
        if let header = request.headers[.authorization] {
            guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
                throw Problem.unauthorized("the Authorization header must be 'Bearer TOKEN'")
            }
            return try await database.authenticate(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        } else if let token = WebSession.token(in: request), let principal = try? await database.authenticate(token) {
            if request.method != .get, request.method != .head, !WebSession.checks(request.headers[.csrfToken], token: token) {
                throw Problem(
                    status: .forbidden, kind: .forbidden, title: "Forbidden",
                    detail: "a write signed in by the session cookie must carry the session's CSRF token in X-CSRF-Token")
            }
            return principal
        } else if anonymousRead, request.method == .get || request.method == .head {
            return .anonymous
        } else {
            throw Problem.unauthorized(
                anonymousRead
                    ? "sign in to write: send Authorization: Bearer TOKEN"
                    : "sign in: send Authorization: Bearer TOKEN (POST /api/v1/auth/login or an API token)")
        }
    }
}
