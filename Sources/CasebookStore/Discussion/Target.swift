import GRDB

/// What a comment or attachment belongs to, within a project.
package struct Target: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case `case`, run, execution, comment
    }

    package var kind: Kind
    /// A case id, or the number of a run, execution or comment.
    package var id: String

    package init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// The rows (comments, attachments) of `project` that belong to this target.
    func rows(of project: String) -> SQLExpression {
        Column("project") == project && Column("targetKind") == kind.rawValue && Column("targetId") == id
    }
}

extension AppDatabase {
    /// Throws unless the run, execution or comment `target` names exists in `project` (cases
    /// live in git: the caller checks them against its snapshot).
    static func checkExists(_ db: Database, _ target: Target, project: String) throws {
        let exists: Bool
        switch target.kind {
        case .case:
            return
        case .run:
            exists = try Int64(target.id).map { try Run.filter(key: $0).filter(Column("project") == project).fetchCount(db) > 0 } ?? false
        case .execution:
            exists =
                try Int64(target.id).map { id in
                    try Bool.fetchOne(
                        db,
                        sql:
                            "SELECT EXISTS (SELECT 1 FROM execution JOIN run ON run.id = execution.runId WHERE execution.id = ? AND run.project = ?)",
                        arguments: [id, project])
                }.flatMap { $0 } ?? false
        case .comment:
            exists =
                try Int64(target.id).map {
                    try Comment.filter(key: $0).filter(Column("project") == project && Column("deletedAt") == nil).fetchCount(db) > 0
                } ?? false
        }
        guard exists else { throw StoreError.notFound(what: target.kind.rawValue, id: target.id) }
    }
}
