internal import CGit2

extension GitRepository {
    /// The commit `revision` names.
    package func commit(_ revision: String) throws(GitError) -> GitCommit {
        try withCommit(revision) { commit in Self.describe(commit) }
    }

    /// The best common ancestor of two revisions (where a branch forked off), or `nil` when
    /// their histories never meet.
    package func mergeBase(_ one: String, _ other: String) throws(GitError) -> String? {
        guard var first = git_oid(hex: try resolve(one)), var second = git_oid(hex: try resolve(other)) else { return nil }
        var base = git_oid()
        let status = git_merge_base(&base, pointer, &first, &second)
        if status == GIT_ENOTFOUND.rawValue { return nil }
        try Libgit2.check(status, "find where \(one) and \(other) meet")
        return base.hex
    }

    /// Visits the commits reachable from `revision`, newest first, until `visit` returns `false`.
    package func walk(from revision: String, _ visit: (GitCommit) throws(GitError) -> Bool) throws(GitError) {
        let start = try resolve(revision)
        var walker: OpaquePointer?
        try Libgit2.check(git_revwalk_new(&walker, pointer), "walk the history")
        guard let walker else { return }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        guard var startID = git_oid(hex: start) else { return }
        try Libgit2.check(git_revwalk_push(walker, &startID), "walk the history from \(revision)")
        var oid = git_oid()
        while git_revwalk_next(&oid, walker) == 0 {
            var commit: OpaquePointer?
            try Libgit2.check(git_commit_lookup(&commit, pointer, &oid), "read commit \(oid.hex)")
            guard let commit else { continue }
            let described = Self.describe(commit)
            git_commit_free(commit)
            if try !visit(described) { return }
        }
    }

    /// The files below `prefix` that differ between `old` (`nil`: an empty tree) and `new`, by path.
    /// Hidden files and folders, links and submodules are left out, as ``files(of:under:)`` leaves them out.
    package func changes(from old: String?, to new: String, under prefix: String) throws(GitError) -> [GitChange] {
        let newTree = try withCommit(new) { commit throws(GitError) in try tree(of: commit, under: prefix) }
        let oldTree = try old.map { old throws(GitError) in try withCommit(old) { commit throws(GitError) in try tree(of: commit, under: prefix) } } ?? nil
        var options = git_diff_options()
        try Libgit2.check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "set up a diff")
        var diff: OpaquePointer?
        try Libgit2.check(git_diff_tree_to_tree(&diff, pointer, oldTree?.pointer, newTree?.pointer, &options), "diff \(old ?? "nothing") with \(new)")
        guard let diff else { return [] }
        defer { git_diff_free(diff) }
        var changes: [GitChange] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let path = String(cString: delta.status == GIT_DELTA_DELETED ? delta.old_file.path : delta.new_file.path)
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            // A type change comes as a deletion and an addition; of those, only the side that is a file counts.
            func isFile(_ file: git_diff_file) -> Bool {
                UInt32(file.mode) != GIT_FILEMODE_LINK.rawValue && UInt32(file.mode) != GIT_FILEMODE_COMMIT.rawValue
            }
            let oldID = delta.old_file.id.hex, newID = delta.new_file.id.hex
            switch delta.status {
            case GIT_DELTA_ADDED:
                if isFile(delta.new_file) { changes.append(GitChange(status: .added, path: path, oldBlob: nil, newBlob: newID)) }
            case GIT_DELTA_DELETED:
                if isFile(delta.old_file) { changes.append(GitChange(status: .deleted, path: path, oldBlob: oldID, newBlob: nil)) }
            default:
                if isFile(delta.new_file) { changes.append(GitChange(status: .modified, path: path, oldBlob: oldID, newBlob: newID)) }
            }
        }
        return changes
    }

    /// The commits reachable from `revision` in which the file at `path` (relative to the
    /// repository root) differs from the first parent's, newest first.
    package func commits(touching path: String, from revision: String) throws(GitError) -> [GitCommit] {
        var touching: [GitCommit] = []
        try walk(from: revision) { commit throws(GitError) in
            let blob = try blobID(at: path, in: commit.id)
            let parentBlob = try commit.parents.first.map { parent throws(GitError) in try blobID(at: path, in: parent) } ?? nil
            if blob != parentBlob { touching.append(commit) }
            return true
        }
        return touching
    }

    private static func describe(_ commit: OpaquePointer) -> GitCommit {
        let author = git_commit_author(commit)?.pointee
        return GitCommit(
            id: git_commit_id(commit).pointee.hex,
            parents: (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0)?.pointee.hex },
            authorName: author?.name.map { String(cString: $0) } ?? "",
            authorEmail: author?.email.map { String(cString: $0) } ?? "",
            time: author?.when.time ?? 0,
            timeOffset: Int(author?.when.offset ?? 0),
            message: git_commit_message(commit).map { String(cString: $0) } ?? "")
    }
}
