import Foundation
import GRDB

extension AppDatabase {
    /// Records a write in the audit log, inside the transaction that makes it.
    static func audit(_ db: Database, by userID: Int64?, _ action: String, _ targetKind: String, _ targetID: String, _ summary: String, at: Date = Date()) throws {
        var entry = AuditEntry(id: nil, userId: userID, action: action, targetKind: targetKind, targetId: targetID, summary: summary, at: at)
        try entry.insert(db)
    }

    /// The newest audit entries first.
    package func auditLog(limit: Int = 100) async throws -> [AuditEntry] {
        try await reader.read { db in try AuditEntry.order(Column("id").desc).limit(limit).fetchAll(db) }
    }
}
