import Foundation
import GRDB

extension AppDatabase {
    /// Creates an API token for `principal`'s own user (or, for the command line, `username`'s):
    /// the token text is in the answer only.
    /// `projects` limits the token to those projects (`nil`: every project its user may read).
    package func createAPIToken(
        name: String, canWrite: Bool, projects: [String]? = nil, for username: String? = nil, by principal: Principal, now: Date = Date()
    ) async throws -> (APIToken, AccessToken) {
        try principal.require(canWrite ? .tester : .viewer)
        let name = try NameCheck.name(name, field: "name", what: "a token name, such as 'ci-nightly',")
        let token = AccessToken.generate(.api)
        return try await writer.write { db in
            let owner: Int64
            if let username {
                try principal.require(.admin)
                let user = try Self.user(db, named: username)
                if canWrite, user.role == .viewer { throw StoreError.invalid("scope", "\(username) is a viewer; a viewer's token can only read") }
                owner = user.id ?? 0
            } else if let id = principal.userID {
                owner = id
            } else {
                throw StoreError.invalid("user", "name the user the token acts as")
            }
            let taken = try APIToken.filter(Column("userId") == owner && Column("name") == name && Column("revokedAt") == nil).fetchCount(db) > 0
            if taken { throw StoreError.conflict("a token named '\(name)' exists already; revoke it or choose another name") }
            var apiToken = APIToken(
                id: nil, userId: owner, name: name, tokenDigest: token.digest, canWrite: canWrite, createdAt: now, projects: projects)
            try apiToken.insert(db)
            try Self.audit(
                db, by: principal.userID, .create, .apiToken, "\(apiToken.id ?? 0)",
                "'\(name)' \(canWrite ? "read write" : "read")\(projects.map { " on " + $0.joined(separator: ", ") } ?? "")", at: now)
            return (apiToken, token)
        }
    }

    /// API tokens, newest first (revoked ones too): `username`'s (an admin's question about
    /// another user), else `principal`'s own, or every user's for the command line.
    package func apiTokens(of username: String? = nil, by principal: Principal) async throws -> [APIToken] {
        if let username, username != principal.username, principal.role != .admin {
            throw StoreError.forbidden("another user's tokens are for admins; \(principal.username) is \(principal.role.rawValue)")
        }
        return try await reader.read { db in
            var request = APIToken.order(Column("id").desc)
            if let username {
                request = request.filter(Column("userId") == (try Self.user(db, named: username).id))
            } else if let userID = principal.userID {
                request = request.filter(Column("userId") == userID)
            }
            return try request.fetchAll(db)
        }
    }

    /// Revokes an API token of `principal`'s user (or any, for an admin); it stops working at once.
    package func revokeAPIToken(_ id: Int64, by principal: Principal, now: Date = Date()) async throws {
        try principal.require(.viewer)
        try await writer.write { db in
            guard let token = try APIToken.fetchOne(db, key: id), token.userId == principal.userID || principal.role == .admin else {
                throw StoreError.notFound(what: "token", id: "\(id)")
            }
            try db.execute(sql: "UPDATE apiToken SET revokedAt = coalesce(revokedAt, ?) WHERE id = ?", arguments: [now, id])
            try Self.audit(db, by: principal.userID, .revoke, .apiToken, "\(id)", "'\(token.name)' revoked", at: now)
        }
    }
}
