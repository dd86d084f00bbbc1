internal import CGit2

extension GitRepository {
    /// The full names of every local and remote-tracking branch (`refs/heads/…`, `refs/remotes/…`).
    package func branches() throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try Libgit2.check(git_branch_iterator_new(&iterator, pointer, GIT_BRANCH_ALL), "list the branches")
        guard let iterator else { return [] }
        defer { git_branch_iterator_free(iterator) }
        var names: [String] = []
        var reference: OpaquePointer?
        var type = GIT_BRANCH_LOCAL
        while git_branch_next(&reference, &type, iterator) == 0 {
            guard let reference else { continue }
            // A remote's HEAD is a symbolic reference to one of its branches, listed anyway.
            if git_reference_type(reference) == GIT_REFERENCE_DIRECT, let name = git_reference_name(reference) { names.append(String(cString: name)) }
            git_reference_free(reference)
        }
        return names.sorted()
    }
}

extension GitRepository {
    /// The names of every tag, sorted.
    package func tags() throws(GitError) -> [String] {
        var names = git_strarray()
        try Libgit2.check(git_tag_list(&names, pointer), "list the tags")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }.sorted()
    }
}
