import Foundation
import GRDB

extension AppDatabase {
    /// Records a write in the audit log, inside the transaction that makes it.
    static func audit(
        _ db: Database, by userID: Int64?, _ action: AuditAction, _ target: AuditTarget, _ targetID: String, _ summary: String, at: Date = Date()
    ) throws {
        var entry = AuditEntry(
            id: nil, userId: userID, action: action.rawValue, targetKind: target.rawValue, targetId: targetID, summary: summary, at: at)
        try entry.insert(db)
    }

    /// Which audit entries to read; `nil` matches everything.
    package struct AuditFilter: Sendable {
        /// The username of who made the writes.
        package var username: String?
        package var action: AuditAction?
        package var targetKind: AuditTarget?
        package var targetID: String?

        package init(username: String? = nil, action: AuditAction? = nil, targetKind: AuditTarget? = nil, targetID: String? = nil) {
            self.username = username
            self.action = action
            self.targetKind = targetKind
            self.targetID = targetID
        }
    }

    /// A page of the audit entries that match `filter`, newest first (admins only).
    package func auditLog(_ filter: AuditFilter = AuditFilter(), page: PageRequest = .everything, by principal: Principal) async throws -> Page<
        AuditEntry
    > {
        guard principal.role == .admin else {
            throw StoreError.forbidden("the audit log is for admins; \(principal.username) is \(principal.role.rawValue)")
        }
        return try await reader.read { db in
            var request = AuditEntry.all()
            if let username = filter.username { request = request.filter(Column("userId") == (try Self.user(db, named: username).id)) }
            if let action = filter.action { request = request.filter(Column("action") == action.rawValue) }
            if let kind = filter.targetKind { request = request.filter(Column("targetKind") == kind.rawValue) }
            if let id = filter.targetID { request = request.filter(Column("targetId") == id) }
            return try request.page(page, descending: true, id: \.id, in: db)
        }
    }
}

/// What an audit entry records was done.
package enum AuditAction: String, Sendable, CaseIterable {
    case create, update, delete, record, close, reopen, grant, revoke, login, logout
    /// A sign-in refused for a wrong password or an unknown or disabled user.
    case loginFailed
}

/// What an audit entry records was written to.
package enum AuditTarget: String, Sendable, CaseIterable {
    case run, execution, comment, attachment, user, department, apiToken, session
}
