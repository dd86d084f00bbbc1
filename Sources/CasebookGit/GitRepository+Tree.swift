import CasebookCore
internal import CGit2

#if canImport(Glibc)
    import Glibc
#endif

extension GitRepository {
    /// Every file of `commit` below the folder `prefix` ("" for the whole tree), with paths
    /// relative to `prefix` and blob ids, in tree order. Hidden files and folders, links and
    /// submodules are left out, as the working tree leaves them out.
    package func files(of commit: String, under prefix: String) throws(GitError) -> [SourceFile] {
        try withCommit(commit) { commitPointer throws(GitError) in
            guard let tree = try tree(of: commitPointer, under: prefix) else { throw .pathNotFound(path: prefix, commit: commit) }
            let collector = FileCollector()
            let payload = Unmanaged.passUnretained(collector).toOpaque()
            let code = git_tree_walk(tree.pointer, GIT_TREEWALK_PRE, { root, entry, payload in
                guard let root, let entry, let payload, let name = git_tree_entry_name(entry) else { return 0 }
                let collector = Unmanaged<FileCollector>.fromOpaque(payload).takeUnretainedValue()
                if name.pointee == UInt8(ascii: ".") { return 1 }  // skips a hidden folder; leaves out a hidden file
                guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK else { return 0 }
                collector.files.append(SourceFile(path: collector.folder(root) + String(cString: name), contentID: git_tree_entry_id(entry).pointee.hex))
                return 0
            }, payload)
            try Libgit2.check(code, "list the files of \(commit)")
            return collector.files
        }
    }

    /// The blob id of the file at `path` (relative to the repository root) in `commit`, or `nil`
    /// when the commit has no file there.
    package func blobID(at path: String, in commit: String) throws(GitError) -> String? {
        try withCommit(commit) { commitPointer throws(GitError) in
            guard let tree = try tree(of: commitPointer, under: "") else { return nil }
            return Self.blobID(at: path, in: tree.pointer)
        }
    }

    /// The blob id at `path` in `tree`, or `nil`.
    static func blobID(at path: String, in tree: OpaquePointer) -> String? {
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return git_tree_entry_id(entry).pointee.hex
    }
}

/// Gathers the files `git_tree_walk` reports.
private final class FileCollector {
    var files: [SourceFile] = []
    /// The folder of the last file, as a path ending in `/` (or empty).
    private var lastFolder = ""

    /// The folder `root` (libgit2's path of the entries being walked) as a string: the files of a
    /// folder come one after another, so it is made once per folder.
    func folder(_ root: UnsafePointer<CChar>) -> String {
        if lastFolder.withCString({ strcmp($0, root) }) != 0 { lastFolder = String(cString: root) }
        return lastFolder
    }
}
