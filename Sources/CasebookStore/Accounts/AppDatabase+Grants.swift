import Foundation
import GRDB

extension AppDatabase {
    /// A user's role on one project.
    package struct Member: Sendable, Equatable {
        package var user: User
        package var role: Role

        package init(user: User, role: Role) {
            self.user = user
            self.role = role
        }
    }

    /// The roles of user `userID` by project key; `nil` when they hold none (and so hold their
    /// role on every project).
    static func grants(_ db: Database, of userID: Int64) throws -> [String: Role]? {
        let rows = try Row.fetchAll(db, sql: "SELECT project, role FROM projectGrant WHERE userId = ?", arguments: [userID])
        guard !rows.isEmpty else { return nil }
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in Role(rawValue: row["role"]).map { (row["project"] as String, $0) } })
    }

    /// The users given a role on `project`, by username (admins of the project or the instance).
    package func members(of project: String, by principal: Principal) async throws -> [Member] {
        try principal.requireToManage(project)
        return try await reader.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT userId, role FROM projectGrant WHERE project = ?", arguments: [project])
            let roles = Dictionary(uniqueKeysWithValues: rows.map { ($0["userId"] as Int64, Role(rawValue: $0["role"]) ?? .viewer) })
            return try User.fetchAll(db, keys: Array(roles.keys)).compactMap { user in
                user.id.flatMap { roles[$0] }.map { Member(user: user, role: $0) }
            }
            .sorted { $0.user.username < $1.user.username }
        }
    }

    /// Gives `username` the role `role` on `project`, or takes their role there away (`nil`);
    /// admins of the project or the instance only, audited. A user's first grant limits them to
    /// the projects they are granted.
    package func grant(_ username: String, role: Role?, on project: String, by principal: Principal, now: Date = Date()) async throws {
        try principal.requireToManage(project)
        try await writer.write { db in
            let user = try Self.user(db, named: username)
            guard let userID = user.id else { return }
            if let role {
                try db.execute(
                    sql: "INSERT INTO projectGrant(userId, project, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role",
                    arguments: [userID, project, role.rawValue])
                try Self.audit(db, by: principal.userID, .grant, .user, username, "\(role.rawValue) on \(project)", at: now)
            } else {
                try db.execute(sql: "DELETE FROM projectGrant WHERE userId = ? AND project = ?", arguments: [userID, project])
                try Self.audit(db, by: principal.userID, .revoke, .user, username, "no role on \(project)", at: now)
            }
        }
    }
}

extension Principal {
    /// Throws unless this principal administers `project` (its admin, or the instance's).
    func requireToManage(_ project: String) throws(StoreError) {
        guard let role = role(in: project) else { throw .notFound(what: "project", id: project) }
        guard role == .admin else {
            throw .forbidden("managing the members of \(project) needs the role admin there; \(username) is \(role.rawValue)")
        }
        guard canWrite else { throw .forbidden("this API token may only read; create one with the write scope") }
    }
}
