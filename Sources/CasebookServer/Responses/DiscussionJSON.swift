import CasebookCore
import CasebookStore

/// How comments and attachments appear in responses.
enum DiscussionJSON {
    static func comment(_ comment: Comment, people: People) -> JSONText {
        .object([
            ("id", .optional(comment.id)),
            ("target", target(comment.targetKind, comment.targetId)),
            ("author", AccountJSON.person(people[comment.authorId])),
            ("body", comment.deletedAt == nil ? .string(comment.body) : .null),
            ("createdAt", .date(comment.createdAt)),
            ("editedAt", .date(comment.editedAt)),
            ("deletedAt", .date(comment.deletedAt)),
        ])
    }

    static func attachment(_ attachment: Attachment, project: String, people: People) -> JSONText {
        .object([
            ("id", .optional(attachment.id)),
            ("target", target(attachment.targetKind, attachment.targetId)),
            ("fileName", .string(attachment.fileName)),
            ("mediaType", .string(attachment.mediaType)),
            ("size", .number(Int(attachment.size))),
            ("sha256", .string(attachment.sha256)),
            ("uploadedBy", AccountJSON.person(people[attachment.uploadedById])),
            ("createdAt", .date(attachment.createdAt)),
            ("download", .string("/api/v1/projects/\(project)/attachments/\(attachment.id ?? 0)")),
        ])
    }

    private static func target(_ kind: String, _ id: String) -> JSONText {
        .object([("kind", .string(kind)), ("id", .string(id))])
    }
}
