/// Who a request acts as: a signed-in user (through a session or an API token), or anonymous
/// reads when the server allows them.
package struct Principal: Sendable, Equatable {
    /// How the request proved who it is.
    package enum Credential: Sendable, Equatable {
        case session(id: Int64)
        case apiToken(id: Int64)
        case anonymous
    }

    package var userID: Int64?
    package var username: String
    /// The user's role: the instance role, or in a request about one project the role there
    /// (see ``scoped(to:)``).
    package var role: Role
    package var credential: Credential
    /// False for a read-scoped API token and for anonymous reads, whatever the role.
    package var canWrite: Bool
    /// The user's roles by project key; `nil` when the user holds none, and so holds their
    /// role on every project (a server of one team). An instance admin is admin everywhere.
    package var grants: [String: Role]?
    /// The projects an API token is limited to; `nil`: those its user may read.
    package var tokenProjects: Set<String>?

    package init(
        userID: Int64?, username: String, role: Role, credential: Credential, canWrite: Bool, grants: [String: Role]? = nil,
        tokenProjects: Set<String>? = nil
    ) {
        self.userID = userID
        self.username = username
        self.role = role
        self.credential = credential
        self.canWrite = canWrite
        self.grants = grants
        self.tokenProjects = tokenProjects
    }

    /// The role in project `key`, or `nil` when this principal may not read it.
    package func role(in key: String) -> Role? {
        if let tokenProjects, !tokenProjects.contains(key) { return nil }
        if role == .admin { return .admin }
        guard let grants else { return role }
        return grants[key]
    }

    /// This principal in a request about project `key`: its role there; `nil` when it may not read it.
    package func scoped(to key: String) -> Principal? {
        guard let role = role(in: key) else { return nil }
        var scoped = self
        scoped.role = role
        return scoped
    }

    /// Anonymous reads (`--anonymous-read`).
    package static let anonymous = Principal(userID: nil, username: "anonymous", role: .viewer, credential: .anonymous, canWrite: false)

    /// The command line working on the database file directly: an administrator.
    package static let commandLine = Principal(userID: nil, username: "casebook (command line)", role: .admin, credential: .anonymous, canWrite: true)

    /// Throws unless this principal may write with at least `role`.
    package func require(_ role: Role) throws(StoreError) {
        guard self.role >= role else {
            throw .forbidden("this needs the role \(role.rawValue); \(username) is \(self.role.rawValue)")
        }
        guard canWrite else {
            throw .forbidden(credential == .anonymous ? "sign in to write" : "this API token may only read; create one with the write scope")
        }
    }
}
