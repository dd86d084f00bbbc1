import Foundation
import GRDB

extension AppDatabase {
    /// The live sessions (neither signed out nor expired) of `principal`'s user, newest first.
    package func sessions(of principal: Principal, now: Date = Date()) async throws -> [Session] {
        guard let userID = principal.userID else { return [] }
        return try await reader.read { db in
            try Session.filter(Column("userId") == userID && Column("revokedAt") == nil && Column("expiresAt") > now)
                .order(Column("id").desc).fetchAll(db)
        }
    }

    /// Signs out session `id` of `principal`'s user; its token stops working at once.
    package func revokeSession(_ id: Int64, by principal: Principal, now: Date = Date()) async throws {
        try await writer.write { db in
            guard let session = try Session.fetchOne(db, key: id), session.userId == principal.userID else {
                throw StoreError.notFound(what: "session", id: "\(id)")
            }
            try db.execute(sql: "UPDATE session SET revokedAt = coalesce(revokedAt, ?) WHERE id = ?", arguments: [now, id])
            try Self.audit(db, by: principal.userID, .revoke, .session, "\(id)", "signed out from another session", at: now)
        }
    }

    /// The language user `id` chose for the pages (`nil`: the browser's).
    package func language(of id: Int64) async throws -> String? {
        try await reader.read { db in try String.fetchOne(db, sql: "SELECT language FROM user WHERE id = ?", arguments: [id]) }
    }

    /// Sets the pages' language of `principal`'s user (`nil`: the browser's).
    package func setLanguage(_ language: String?, by principal: Principal) async throws {
        guard let id = principal.userID else { throw StoreError.invalid("user", "sign in to choose a language") }
        try await writer.write { db in
            try db.execute(sql: "UPDATE user SET language = ? WHERE id = ?", arguments: [language, id])
        }
    }
}
