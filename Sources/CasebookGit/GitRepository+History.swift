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
        while true {
            // The end of the history, or a commit that cannot be read: not the same thing.
            let next = git_revwalk_next(&oid, walker)
            if next == GIT_ITEROVER.rawValue { return }
            try Libgit2.check(next, "walk the history from \(revision)")
            var commit: OpaquePointer?
            try Libgit2.check(git_commit_lookup(&commit, pointer, &oid), "read commit \(oid.hex)")
            guard let commit else { continue }
            let described = Self.describe(commit)
            git_commit_free(commit)
            if try !visit(described) { return }
        }
    }

    /// The files below `prefix` that differ between `old` (`nil`: an empty tree) and `new`, sorted
    /// by path. Folders whose tree is the same on both sides are skipped unread, so the cost
    /// follows the change, not the size of the tree. Hidden files and folders, links and
    /// submodules are left out, as ``files(of:under:)`` leaves them out.
    package func changes(from old: String?, to new: String, under prefix: String) throws(GitError) -> [GitChange] {
        let newTree = try withCommit(new) { commit throws(GitError) in try tree(of: commit, under: prefix) }
        let oldTree =
            try old.map { old throws(GitError) in try withCommit(old) { commit throws(GitError) in try tree(of: commit, under: prefix) } } ?? nil
        var changes: [GitChange] = []
        try compare(oldTree, newTree, folder: "", into: &changes)
        return changes.sorted { $0.path < $1.path }
    }

    /// One entry of a tree, as ``changes(from:to:under:)`` compares it.
    private struct TreeEntry {
        enum Kind { case file, folder }
        var id: git_oid
        var kind: Kind
    }

    /// Adds the files that differ between the trees `old` and `new` (either may be missing) of `folder`.
    private func compare(_ old: OwnedPointer?, _ new: OwnedPointer?, folder: String, into changes: inout [GitChange]) throws(GitError) {
        let oldEntries = Self.entries(of: old), newEntries = Self.entries(of: new)
        for name in Set(oldEntries.keys).union(newEntries.keys) {
            var before = oldEntries[name], after = newEntries[name]
            if var same = before?.id, var other = after?.id, before?.kind == after?.kind, git_oid_equal(&same, &other) != 0 { continue }
            let path = folder + name
            if before?.kind == .folder || after?.kind == .folder {
                let oldFolder = try before?.kind == .folder ? lookupTree(before!.id, path) : nil
                let newFolder = try after?.kind == .folder ? lookupTree(after!.id, path) : nil
                try compare(oldFolder, newFolder, folder: path + "/", into: &changes)
                if before?.kind == .folder { before = nil }
                if after?.kind == .folder { after = nil }
            }
            switch (before, after) {
            case (nil, nil): break
            case (nil, let after?): changes.append(GitChange(status: .added, path: path, oldBlob: nil, newBlob: after.id.hex))
            case (let before?, nil): changes.append(GitChange(status: .deleted, path: path, oldBlob: before.id.hex, newBlob: nil))
            case (let before?, let after?): changes.append(GitChange(status: .modified, path: path, oldBlob: before.id.hex, newBlob: after.id.hex))
            }
        }
    }

    /// The files and folders of `tree` by name (hidden ones, links and submodules left out).
    private static func entries(of tree: OwnedPointer?) -> [String: TreeEntry] {
        guard let tree else { return [:] }
        var entries: [String: TreeEntry] = [:]
        for index in 0..<git_tree_entrycount(tree.pointer) {
            guard let entry = git_tree_entry_byindex(tree.pointer, index), let name = git_tree_entry_name(entry), name.pointee != UInt8(ascii: ".")
            else { continue }
            let kind: TreeEntry.Kind
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE: kind = .folder
            case GIT_OBJECT_BLOB where git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK: kind = .file
            default: continue
            }
            entries[String(cString: name)] = TreeEntry(id: git_tree_entry_id(entry).pointee, kind: kind)
        }
        return entries
    }

    /// The tree with `id`, the folder at `path`.
    private func lookupTree(_ id: git_oid, _ path: String) throws(GitError) -> OwnedPointer? {
        var id = id
        var tree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&tree, pointer, &id), "read the folder \(path)")
        return tree.map { OwnedPointer($0, free: git_tree_free) }
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
