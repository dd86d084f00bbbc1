internal import CGit2
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

extension GitRepository {
    /// Every file of `commit` below the folder `prefix` ("" for the whole tree), with paths
    /// relative to `prefix` and blob ids, in tree order. Hidden files and folders, links and
    /// submodules are left out, as the working tree leaves them out. The folders two levels down
    /// (like `cases/checkout`) are listed on every core, each worker with a handle of its own.
    package func files(of commit: String, under prefix: String) throws(GitError) -> [SourceFile] {
        let top = try withCommit(commit) { commitPointer throws(GitError) in
            guard let tree = try tree(of: commitPointer, under: prefix) else { throw .pathNotFound(path: prefix, commit: commit) }
            return try Self.walk(tree.pointer, at: "", stoppingAtDepth: 2, of: commit)
        }
        let gitdir = self.gitdir
        let listed = top.folders.parallelMap(worker: { Result { () throws(GitError) in try GitRepository(discoveringFrom: gitdir) } }) {
            repository, folder in
            Result { () throws(GitError) in try repository.get().files(inTree: folder.id, at: folder.path) }
        }
        var files: [SourceFile] = [], taken = 0
        for (folder, result) in zip(top.folders, listed) {
            files += top.files[taken..<folder.position]
            files += try result.get()
            taken = folder.position
        }
        return files + top.files[taken...]
    }

    /// Every file of the tree `id`, whose path is `path` (ending in `/`), in tree order.
    private func files(inTree id: git_oid, at path: String) throws(GitError) -> [SourceFile] {
        var id = id, tree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&tree, pointer, &id), "read the tree of \(path)")
        guard let tree else { return [] }
        defer { git_tree_free(tree) }
        return try Self.walk(tree, at: path, stoppingAtDepth: nil, of: path).files
    }

    /// The files of `tree`, whose path is `path` (empty, or ending in `/`), in tree order; with
    /// `depth`, the folders that deep are not walked but returned, with where their files go.
    /// `what` names the tree in an error (a commit or a folder).
    private static func walk(_ tree: OpaquePointer, at path: String, stoppingAtDepth depth: Int?, of what: String) throws(GitError) -> FileCollector {
        let collector = FileCollector(path: path, stoppingAtDepth: depth)
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let code = git_tree_walk(
            tree, GIT_TREEWALK_PRE,
            { root, entry, payload in
                guard let root, let entry, let payload, let name = git_tree_entry_name(entry) else { return 0 }
                let collector = Unmanaged<FileCollector>.fromOpaque(payload).takeUnretainedValue()
                if name.pointee == UInt8(ascii: ".") { return 1 }  // skips a hidden folder; leaves out a hidden file
                switch git_tree_entry_type(entry) {
                case GIT_OBJECT_TREE:
                    guard collector.stops(under: root) else { return 0 }
                    collector.folders.append(
                        (collector.folder(root) + String(cString: name) + "/", git_tree_entry_id(entry).pointee, collector.files.count))
                    return 1
                case GIT_OBJECT_BLOB where git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK:
                    collector.files.append(
                        SourceFile(path: collector.folder(root) + String(cString: name), contentID: git_tree_entry_id(entry).pointee.hex))
                    return 0
                default:
                    return 0
                }
            }, payload)
        try Libgit2.check(code, "list the files of \(what)")
        return collector
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

/// Gathers the files `git_tree_walk` reports, and the folders it is not to walk.
private final class FileCollector {
    var files: [SourceFile] = []
    /// Folders left to walk apart: path (ending in `/`), tree id, and how many files come before theirs.
    var folders: [(path: String, id: git_oid, position: Int)] = []
    /// The path of the tree walked, empty or ending in `/`.
    private let path: String
    private let depth: Int?
    /// The folder of the last file, as a path ending in `/` (or empty).
    private var lastFolder: String
    private var lastRoot = ""

    init(path: String, stoppingAtDepth depth: Int?) {
        self.path = path
        self.depth = depth
        lastFolder = path
    }

    /// The folder `root` (libgit2's path of the entries being walked, relative to the tree walked)
    /// as a path: the files of a folder come one after another, so it is made once per folder.
    func folder(_ root: UnsafePointer<CChar>) -> String {
        if lastRoot.withCString({ strcmp($0, root) }) != 0 {
            lastRoot = String(cString: root)
            lastFolder = path + lastRoot
        }
        return lastFolder
    }

    /// Whether a folder in `root` is as deep as the walk goes.
    func stops(under root: UnsafePointer<CChar>) -> Bool {
        guard let depth else { return false }
        var slashes = 0, cursor = root
        while cursor.pointee != 0 {
            if cursor.pointee == CChar(UInt8(ascii: "/")) { slashes += 1 }
            cursor += 1
        }
        return slashes + 1 >= depth
    }
}
