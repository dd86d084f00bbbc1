internal import CGit2

extension GitRepository {
    /// Fetches `remote` (a remote's name, like `origin`) with its configured refspecs, updating
    /// its remote-tracking branches.
    package func fetch(remote name: String) throws(GitError) {
        var remote: OpaquePointer?
        try Libgit2.check(git_remote_lookup(&remote, pointer, name), "find remote \(name)")
        guard let remote else { return }
        defer { git_remote_free(remote) }
        var options = git_fetch_options()
        try Libgit2.check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "set up a fetch")
        try Libgit2.check(git_remote_fetch(remote, nil, &options, nil), "fetch from \(name)")
    }
}
