import CasebookCore
import Foundation
import GRDB

extension AppDatabase {
    /// A new login session: its token (shown once) and when it expires.
    package struct Login: Sendable {
        package var token: AccessToken
        package var expiresAt: Date
        package var user: User
    }

    /// Checks `password` and opens a session lasting `lifetime`. The same error for an unknown
    /// user, a wrong password and a disabled account, so that usernames cannot be probed.
    package func login(username: String, password: String, lifetime: Duration, from address: String, now: Date = Date()) async throws -> Login {
        let user = try await reader.read { db in try User.filter(User.Columns.username == username).fetchOne(db) }
        let policy = passwords
        let matches = try await offloaded { policy.verify(password, hash: user?.passwordHash ?? policy.unusableHash) }
        guard let user, let userID = user.id, matches, !user.disabled else {
            let reason = user == nil ? "unknown user" : user?.disabled == true ? "disabled account" : "wrong password"
            try await writer.write { db in
                try Self.audit(db, by: user?.id, .loginFailed, .user, String(username.prefix(100)), "\(reason), from \(address)", at: now)
            }
            throw StoreError.unauthorized("wrong username or password, or the account is disabled")
        }
        let token = AccessToken.generate(.session)
        let expiresAt = now.addingTimeInterval(lifetime.inSeconds)
        try await writer.write { db in
            var session = Session(id: nil, userId: userID, tokenDigest: token.digest, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
            try session.insert(db)
            try Self.audit(db, by: userID, .login, .session, "\(session.id ?? 0)", "signed in")
        }
        return Login(token: token, expiresAt: expiresAt, user: user)
    }

    /// Who `token` belongs to, checked against its row on every call, so that logout,
    /// revocation and disabling take effect at once.
    package func authenticate(_ presented: String, now: Date = Date()) async throws -> Principal {
        guard let token = AccessToken(presented: presented) else { throw StoreError.unauthorized("the bearer token is malformed") }
        let digest = token.digest
        switch token.kind {
        case .session:
            return try await reader.read { db in
                guard let session = try Session.filter(Column("tokenDigest") == digest).fetchOne(db), let id = session.id else {
                    throw StoreError.unauthorized("unknown token; sign in again")
                }
                guard session.revokedAt == nil else { throw StoreError.unauthorized("this session was signed out; sign in again") }
                guard session.expiresAt > now else { throw StoreError.unauthorized("this session expired; sign in again") }
                let user = try Self.activeUser(db, session.userId)
                return Principal(
                    userID: session.userId, username: user.username, role: user.role, credential: .session(id: id), canWrite: true,
                    grants: try Self.grants(db, of: session.userId))
            }
        case .api:
            let (principal, stale) = try await reader.read { db in
                guard let apiToken = try APIToken.filter(Column("tokenDigest") == digest).fetchOne(db), let id = apiToken.id else {
                    throw StoreError.unauthorized("unknown API token")
                }
                guard apiToken.revokedAt == nil else { throw StoreError.unauthorized("this API token was revoked") }
                let user = try Self.activeUser(db, apiToken.userId)
                let principal = Principal(
                    userID: apiToken.userId, username: user.username, role: user.role, credential: .apiToken(id: id), canWrite: apiToken.canWrite,
                    grants: try Self.grants(db, of: apiToken.userId), tokenProjects: apiToken.projects.map(Set.init))
                return (principal, apiToken.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true)
            }
            if stale, case .apiToken(let id) = principal.credential {
                try await writer.write { db in
                    try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, id])
                }
            }
            return principal
        }
    }

    /// Ends the session `principal` signed in with; its token stops working at once.
    package func logout(_ principal: Principal, now: Date = Date()) async throws {
        guard case .session(let id) = principal.credential else {
            throw StoreError.invalid("token", "only a login session can be signed out; revoke an API token with DELETE /api/v1/tokens/{id}")
        }
        try await writer.write { db in
            try db.execute(sql: "UPDATE session SET revokedAt = ? WHERE id = ?", arguments: [now, id])
            try Self.audit(db, by: principal.userID, .logout, .session, "\(id)", "signed out")
        }
    }

    private static func activeUser(_ db: Database, _ id: Int64) throws -> User {
        guard let user = try User.fetchOne(db, key: id), !user.disabled else {
            throw StoreError.unauthorized("the account of this token is disabled")
        }
        return user
    }
}

extension PasswordPolicy {
    /// A well-formed hash no password matches, verified against for unknown usernames so that
    /// they take as long to refuse as a wrong password.
    var unusableHash: String { "$2b$" + (cost < 10 ? "0" : "") + "\(cost)$" + String(repeating: "A", count: 53) }
}
