import Foundation
import GRDB

extension AppDatabase {
    /// A page of the comments on `target`, oldest first; deleted ones keep their place without their text.
    package func comments(on target: Target, project: String, page: PageRequest = .everything) async throws -> Page<Comment> {
        try await reader.read { db in
            try Self.checkExists(db, target, project: project)
            return try Comment.filter(target.rows(of: project)).page(page, id: \.id, in: db)
        }
    }

    /// Adds a comment (testers and admins).
    package func addComment(_ body: String, on target: Target, project: String, by principal: Principal, now: Date = Date()) async throws -> Comment {
        try principal.require(.tester)
        guard target.kind != .comment else { throw StoreError.invalid("target", "comments go on a case, a run or an execution") }
        let body = try Self.checkCommentBody(body)
        return try await writer.write { db in
            try Self.checkExists(db, target, project: project)
            var comment = Comment(
                id: nil, project: project, targetKind: target.kind.rawValue, targetId: target.id, authorId: principal.userID, body: body,
                createdAt: now)
            try comment.insert(db)
            try Self.audit(db, by: principal.userID, .create, .comment, "\(comment.id ?? 0)", "on \(target.kind.rawValue) \(target.id)", at: now)
            return comment
        }
    }

    /// Changes a comment's text (its author or an admin).
    package func editComment(_ id: Int64, body: String, project: String, by principal: Principal, now: Date = Date()) async throws -> Comment {
        try principal.require(.tester)
        let body = try Self.checkCommentBody(body)
        return try await writer.write { db in
            var comment = try Self.ownComment(db, id, project: project, principal)
            comment.body = body
            comment.editedAt = now
            try comment.update(db)
            try Self.audit(db, by: principal.userID, .update, .comment, "\(id)", "edited", at: now)
            return comment
        }
    }

    /// Deletes a comment (its author or an admin): the row stays, marked deleted.
    package func deleteComment(_ id: Int64, project: String, by principal: Principal, now: Date = Date()) async throws {
        try principal.require(.tester)
        try await writer.write { db in
            var comment = try Self.ownComment(db, id, project: project, principal)
            comment.deletedAt = now
            try comment.update(db)
            try Self.audit(db, by: principal.userID, .delete, .comment, "\(id)", "deleted", at: now)
        }
    }

    private static func ownComment(_ db: Database, _ id: Int64, project: String, _ principal: Principal) throws -> Comment {
        guard let comment = try Comment.fetchOne(db, key: id), comment.project == project, comment.deletedAt == nil else {
            throw StoreError.notFound(what: "comment", id: "\(id)")
        }
        guard comment.authorId == principal.userID || principal.role == .admin else {
            throw StoreError.forbidden("only the author of a comment or an admin may change it")
        }
        return comment
    }

    private static func checkCommentBody(_ body: String) throws(StoreError) -> String {
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 20_000 else { throw .invalid("body", "a comment has 1 to 20,000 characters") }
        return trimmed
    }
}
