/// Where a served project's cases come from and which branch the server follows.
package struct ProjectSource: Sendable, Hashable {
    /// A folder inside the case repository (the one with `casebook.yaml` is found upwards).
    package var path: String
    /// The branch (or any revision) followed; `nil`: the branch checked out when the server starts.
    package var branch: String?
    /// A remote to fetch before each poll, like `origin`; the followed revision is then `REMOTE/BRANCH`.
    package var remote: String?

    package init(path: String, branch: String? = nil, remote: String? = nil) {
        self.path = path
        self.branch = branch
        self.remote = remote
    }
}
