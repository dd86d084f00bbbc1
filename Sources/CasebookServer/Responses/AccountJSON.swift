import CasebookCore
import CasebookStore

/// How users, departments and API tokens appear in responses: never a password hash or a
/// token digest.
enum AccountJSON {
    /// The user, with its department's name looked up in `departments` (by id).
    static func user(_ user: User, departments: [Int64: String]) -> JSONText {
        self.user(user, department: user.departmentId.flatMap { departments[$0] })
    }

    static func user(_ user: User, department: String?) -> JSONText {
        .object([
            ("username", .string(user.username)),
            ("displayName", .string(user.displayName)),
            ("email", .optional(user.email)),
            ("department", .optional(department)),
            ("role", .string(user.role.rawValue)),
            ("disabled", .bool(user.disabled)),
            ("createdAt", .date(user.createdAt)),
        ])
    }

    /// A user where a response names who did something: the same object everywhere, `null` for
    /// nobody (the command line, or an import).
    static func person(_ user: User?) -> JSONText {
        guard let user else { return .null }
        return .object([("username", .string(user.username)), ("displayName", .string(user.displayName))])
    }

    static func department(_ department: Department, users: Int) -> JSONText {
        .object([("name", .string(department.name)), ("users", .number(users))])
    }

    static func token(_ token: APIToken, people: People) -> [(String, JSONText)] {
        [
            ("id", .optional(token.id)),
            ("user", person(people[token.userId])),
            ("name", .string(token.name)),
            ("scopes", .array((token.canWrite ? ["read", "write"] : ["read"]).map(JSONText.string))),
            ("projects", token.projects.map { .array($0.map(JSONText.string)) } ?? .null),
            ("createdAt", .date(token.createdAt)),
            ("lastUsedAt", .date(token.lastUsedAt)),
            ("revokedAt", .date(token.revokedAt)),
        ]
    }
}
