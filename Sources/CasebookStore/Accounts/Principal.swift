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
    package var role: Role
    package var credential: Credential
    /// False for a read-scoped API token and for anonymous reads, whatever the role.
    package var canWrite: Bool

    package init(userID: Int64?, username: String, role: Role, credential: Credential, canWrite: Bool) {
        self.userID = userID
        self.username = username
        self.role = role
        self.credential = credential
        self.canWrite = canWrite
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
