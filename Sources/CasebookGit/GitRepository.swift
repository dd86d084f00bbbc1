internal import CGit2
import CasebookCore

/// An open git repository. Not `Sendable`: use it from one task or thread at a time, and pass
/// only the values it returns across isolation boundaries.
package final class GitRepository {
    private let handle: OwnedPointer
    /// The folder of the working tree, ending in `/`; `nil` for a bare repository.
    package let workdir: String?
    /// The `.git` folder (or the bare repository folder), ending in `/`.
    package let gitdir: String

    var pointer: OpaquePointer { handle.pointer }

    /// Opens the repository that holds `path`: the nearest one at or above it.
    package init(discoveringFrom path: String) throws(GitError) {
        _ = Libgit2.initialized
        var repository: OpaquePointer?
        guard git_repository_open_ext(&repository, path, 0, nil) == 0, let repository else {
            throw .notARepository(path: path)
        }
        handle = OwnedPointer(repository, free: git_repository_free)
        workdir = git_repository_workdir(repository).map { String(cString: $0) }
        gitdir = String(cString: git_repository_path(repository))
    }

    /// The commit `revision` names: a branch, tag, remote-tracking branch, full or short commit id,
    /// or an expression like `HEAD~2`.
    package func resolve(_ revision: String) throws(GitError) -> String {
        try withCommit(revision) { commit in git_commit_id(commit).pointee.hex }
    }

    /// The short name of the branch HEAD is on (`main`), or `nil` when HEAD is detached or unborn.
    package func currentBranch() -> String? {
        var reference: OpaquePointer?
        guard git_repository_head(&reference, pointer) == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_is_branch(reference) == 1 else { return nil }
        return String(cString: git_reference_shorthand(reference))
    }

    /// Runs `body` with the commit `revision` names, freeing it afterwards.
    func withCommit<T>(_ revision: String, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, revision) == 0, let object else { throw .unknownRevision(revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else { throw .unknownRevision(revision) }
        defer { git_commit_free(commit) }
        return try body(commit)
    }

    /// The tree of `commit` (a commit pointer), or of its folder `prefix` when it is not empty;
    /// `nil` when the commit has no such folder.
    func tree(of commit: OpaquePointer, under prefix: String) throws(GitError) -> OwnedPointer? {
        var root: OpaquePointer?
        try Libgit2.check(git_commit_tree(&root, commit), "read the tree of a commit")
        guard let root else { return nil }
        let rootTree = OwnedPointer(root, free: git_tree_free)
        guard !prefix.isEmpty else { return rootTree }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, prefix) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else { return nil }
        var subtree: OpaquePointer?
        try Libgit2.check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)), "read the tree of \(prefix)")
        return subtree.map { OwnedPointer($0, free: git_tree_free) }
    }

    /// A blob's bytes, unless it is larger than a limit.
    package enum Blob {
        case bytes([UInt8])
        /// The blob has this many bytes, more than the limit; they were not read.
        case tooLarge(Int)
    }

    /// The bytes of the blob with the 40-digit hex `id`, read from the object database straight
    /// (`git_blob_lookup` would add its object cache and a blob object on top), when it has at
    /// most `limit` bytes: its size is taken from the object's header before anything is read.
    package func blob(_ id: String, atMost limit: Int) throws(GitError) -> Blob {
        guard var oid = git_oid(hex: id) else { throw .failed(operation: "read blob \(id)", message: "not a blob id") }
        var database: OpaquePointer?
        try Libgit2.check(git_repository_odb(&database, pointer), "open the object database")
        guard let database else { throw .failed(operation: "read blob \(id)", message: "no object database") }
        defer { git_odb_free(database) }
        var size = 0
        var type = GIT_OBJECT_ANY
        try Libgit2.check(git_odb_read_header(&size, &type, database, &oid), "read blob \(id)")
        guard type == GIT_OBJECT_BLOB else { throw .failed(operation: "read blob \(id)", message: "the object is not a blob") }
        guard size <= limit else { return .tooLarge(size) }
        var object: OpaquePointer?
        try Libgit2.check(git_odb_read(&object, database, &oid), "read blob \(id)")
        guard let object else { throw .failed(operation: "read blob \(id)", message: "no such blob") }
        defer { git_odb_object_free(object) }
        let read = git_odb_object_size(object)
        guard read > 0, let raw = git_odb_object_data(object) else { return .bytes([]) }
        return .bytes(Array(UnsafeRawBufferPointer(start: raw, count: read)))
    }

    /// The bytes of the case file blob `id`; `nil` when it is larger than casebook reads.
    package func caseFile(_ id: String) throws(GitError) -> [UInt8]? {
        guard case .bytes(let bytes) = try blob(id, atMost: SourceFile.maximumSize) else { return nil }
        return bytes
    }
}
