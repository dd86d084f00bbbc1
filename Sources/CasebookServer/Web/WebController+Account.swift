import CasebookCore
import CasebookStore
import HTTPTypes
import Hummingbird

/// Signing in and out, the account page (language, sessions, API tokens) and the admins' pages
/// (users and departments, the audit log). Every form that changes something carries the
/// session's CSRF token.
extension WebController {
    @Sendable func loginForm(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let next = try QueryParameters(request, accepting: ["next"]).string("next") ?? "/"
        return loginPage(visitor, next: next, username: "", error: nil)
    }

    private func loginPage(_ visitor: Visitor, next: String, username: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        visitor.render("login", title: visitor.text.signIn, ["next": next, "username": username, "error": error ?? false], status: status)
    }

    @Sendable func login(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let username = form.string("username") ?? "", password = form.string("password") ?? ""
        let next = Self.localPath(form.string("next"))
        if let wait = throttle.retryAfter(username: username, address: context.clientAddress) {
            throw Problem(
                status: .tooManyRequests, kind: .tooManyRequests, title: "Too many failed logins",
                detail: "too many failed logins for this user or from this address; try again in \(wait) seconds")
        }
        do {
            let session = try await database.login(username: username, password: password, lifetime: sessionLifetime, from: context.clientAddress)
            throttle.recordSuccess(username: username)
            let cookie = WebSession.cookie(
                session.token.text, request: request, secure: secureCookies, maxAge: Int(sessionLifetime.components.seconds))
            return HTMLPage.redirect(to: next, extra: [.setCookie: cookie])
        } catch StoreError.unauthorized {
            throttle.recordFailure(username: username, address: context.clientAddress)
            return loginPage(visitor, next: next, username: username, error: visitor.text.wrongLogin, status: .unauthorized)
        }
    }

    @Sendable func logout(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        if let token = visitor.token, let principal = visitor.principal {
            guard WebSession.checks(form.string("csrf"), token: token) else { throw Problem.badCSRF }
            try await database.logout(principal)
        }
        return HTMLPage.redirect(to: "/", extra: [.setCookie: WebSession.cookie(nil, request: request, secure: secureCookies, maxAge: 0)])
    }

    /// `path` when it is a path of this server (`/…`, not `//host`), else `/`.
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
        return path
    }

    // MARK: - The account page

    @Sendable func account(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        try await accountPage(request, visitor, newToken: nil)
    }

    /// The account page; `newToken` is a token just created, shown this once. A token the form
    /// asked for and the store refused is `refused`: its problem is shown above the form, which
    /// keeps the name typed.
    private func accountPage(
        _ request: Request, _ visitor: Visitor, newToken: (name: String, text: String)?, refused: (Problem, name: String)? = nil
    ) async throws -> Response {
        let principal = try require(visitor, request)
        guard let userID = principal.userID else { throw Redirect(location: "/login?next=/account") }
        let sessions = try await database.sessions(of: principal)
        let tokens = try await database.apiTokens(by: principal).filter { $0.revokedAt == nil }
        let chosen = try await database.language(of: userID)
        var current: Int64?
        if case .session(let id) = principal.credential { current = id }
        let view: [String: Any] = [
            "username": principal.username, "role": principal.role.rawValue,
            "languages": [("", visitor.text.browserLanguage), ("en", "English"), ("zh-Hans", "简体中文")].map { code, name in
                ["code": code, "name": name, "selected": code == (chosen ?? "")]
            },
            "sessions": sessions.map { session in
                [
                    "id": session.id ?? 0, "created": ISO8601.string(session.createdAt), "expires": ISO8601.string(session.expiresAt),
                    "current": session.id == current,
                ]
            },
            "tokens": tokens.map { token in
                [
                    "id": token.id ?? 0, "name": token.name, "scope": token.canWrite ? "read write" : "read",
                    "created": ISO8601.string(token.createdAt), "used": token.lastUsedAt.map(ISO8601.string) ?? false,
                    "projects": token.projects?.joined(separator: ", ") ?? visitor.text.allProjects,
                ]
            },
            "newToken": newToken.map { ["name": $0.name, "secret": $0.text] } ?? false,
            "canWrite": principal.role >= .tester,
            "tokenProblem": refused?.0.detail ?? false, "tokenName": refused?.name ?? "",
        ]
        return visitor.render("account", title: visitor.text.account, view, status: refused?.0.status ?? .ok)
    }

    @Sendable func setLanguage(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let (principal, _) = try requireSession(visitor, request, form: form)
        let code = form.string("language") ?? ""
        guard code.isEmpty || WebText.catalogue(code) != nil else {
            throw Problem.invalidValue("language", "no language '\(code)'; the pages speak en and zh-Hans")
        }
        try await database.setLanguage(code.isEmpty ? nil : code, by: principal)
        return HTMLPage.redirect(to: "/account")
    }

    @Sendable func createToken(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let (principal, _) = try requireSession(visitor, request, form: form)
        let name = form.string("name") ?? ""
        return try await showingProblems {
            let (token, text) = try await database.createAPIToken(name: name, canWrite: form.string("write") == "on", by: principal)
            // Shown once, on the page that answers the form (never in a URL).
            return try await accountPage(request, visitor, newToken: (token.name, text.text))
        } on: { problem in
            try await accountPage(request, visitor, newToken: nil, refused: (problem, name))
        }
    }

    @Sendable func revokeToken(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let (principal, _) = try requireSession(visitor, request, form: form)
        try await database.revokeAPIToken(try context.parameters.requireID("id", naming: "token"), by: principal)
        return HTMLPage.redirect(to: "/account")
    }

    @Sendable func revokeSession(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let (principal, _) = try requireSession(visitor, request, form: form)
        try await database.revokeSession(try context.parameters.requireID("id", naming: "session"), by: principal)
        return HTMLPage.redirect(to: "/account")
    }

    // MARK: - Admins

    @Sendable func users(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let principal = try require(visitor, request)
        guard principal.role == .admin else {
            throw Problem(StoreError.forbidden("the users are for admins; \(principal.username) is \(principal.role.rawValue)"))
        }
        let departments = try await database.departmentNames()
        let users = try await database.users()
        let view: [String: Any] = [
            "users": users.map { user in
                [
                    "username": user.username, "name": user.displayName, "email": user.email ?? "", "role": user.role.rawValue,
                    "department": user.departmentId.flatMap { departments[$0] } ?? "", "disabled": user.disabled,
                    "created": ISO8601.string(user.createdAt),
                ]
            },
            "departments": try await database.departments().map { ["name": $0.department.name, "users": $0.users] }, "userCount": users.count,
        ]
        return visitor.render("users", title: visitor.text.users, view)
    }

    @Sendable func audit(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let principal = try require(visitor, request)
        let parameters = try QueryParameters(request, accepting: ["user", "action", "limit", "cursor"])
        var filter = AppDatabase.AuditFilter(username: parameters.string("user"))
        filter.action = try parameters.one("action", of: AuditAction.self)
        let page = try await database.auditLog(filter, page: try parameters.page(defaultLimit: 100), by: principal)
        let people = try await database.people(page.rows.map(\.userId))
        let view: [String: Any] = [
            "entries": page.rows.map { entry in
                [
                    "when": ISO8601.string(entry.at), "who": people[entry.userId]?.username ?? "—", "action": entry.action,
                    "target": entry.targetKind + " " + entry.targetId, "summary": entry.summary,
                ]
            },
            "total": page.total, "next": page.next.map { QueryLink.link(request, setting: ["cursor": "\($0)"]) } ?? false,
            "user": filter.username ?? "",
            "actions": AuditAction.allCases.map { ["value": $0.rawValue, "selected": $0 == filter.action] },
        ]
        return visitor.render("audit", title: visitor.text.auditLog, view)
    }
}
