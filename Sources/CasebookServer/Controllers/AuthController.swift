import CasebookCore
import CasebookStore
import Hummingbird

/// `/auth`: login (the one `/api/v1` route that needs no token), logout and who am I.
struct AuthController {
    let database: AppDatabase
    let throttle: LoginThrottle
    let sessionLifetime: Duration

    /// Login, added to endpoints without ``AuthMiddleware``.
    func addLogin(to endpoints: Endpoints) {
        endpoints.post("/auth/login", login)
    }

    func add(to endpoints: Endpoints, projects: ProjectRegistry) {
        endpoints.post("/auth/logout", logout)
        endpoints.get("/auth/me") { request, context in try await me(request, context: context, projects: projects) }
    }

    struct Credentials: JSONObjectBody {
        var username: String
        var password: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case username, password
        }
    }

    @Sendable func login(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let credentials = try await JSONBody.decode(Credentials.self, from: request)
        if let wait = throttle.retryAfter(username: credentials.username, address: context.clientAddress) {
            throw Problem(
                status: .tooManyRequests, kind: .tooManyRequests, title: "Too many failed logins",
                detail: "too many failed logins for this user or from this address; try again in \(wait) seconds", headers: [.retryAfter: "\(wait)"])
        }
        let login: AppDatabase.Login
        do {
            login = try await database.login(
                username: credentials.username, password: credentials.password, lifetime: sessionLifetime, from: context.clientAddress)
        } catch let error as StoreError {
            throttle.recordFailure(username: credentials.username, address: context.clientAddress)
            context.logger.notice(
                "failed login", metadata: ["username": "\(credentials.username.prefix(100))", "address": "\(context.clientAddress)"])
            throw error
        }
        throttle.recordSuccess(username: credentials.username)
        let departments = try await database.departmentNames()
        return JSONResponse.make([
            ("token", .string(login.token.text)),
            ("tokenType", .string("Bearer")),
            ("expiresAt", .date(login.expiresAt)),
            ("user", AccountJSON.user(login.user, departments: departments)),
        ])
    }

    @Sendable func logout(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await database.logout(try context.requirePrincipal)
        return JSONResponse.noContent
    }

    /// Who the request acts as, and the projects it may read with its role on each.
    @Sendable func me(_ request: Request, context: CasebookRequestContext, projects: ProjectRegistry) async throws -> Response {
        let principal = try context.requirePrincipal
        let credential: String
        switch principal.credential {
        case .session: credential = "session"
        case .apiToken: credential = "apiToken"
        case .anonymous: credential = "anonymous"
        }
        let readable = projects.all.compactMap { project in principal.role(in: project.key).map { (project.key, $0) } }
        var members: [(String, JSONText)] = [
            ("credential", .string(credential)), ("canWrite", .bool(principal.canWrite)),
            ("projects", .array(readable.map { .object([("key", .string($0.0)), ("role", .string($0.1.rawValue))]) })),
        ]
        if principal.userID != nil {
            let user = try await database.user(named: principal.username)
            let departments = try await database.departmentNames()
            members.insert(("user", AccountJSON.user(user, departments: departments)), at: 0)
        } else {
            members.insert(("user", .null), at: 0)
        }
        return JSONResponse.read(request, members)
    }
}
