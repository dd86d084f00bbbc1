import CasebookCore

/// The files of a case repository as one commit holds them: no checkout needed. Each reader
/// opens the git repository for itself, so files can be read on several threads at once.
package struct CommitTree: SourceTree {
    /// The git folder the tree was listed from.
    package let gitdir: String
    /// The commit, as 40 hex digits.
    package let commit: String
    /// The case repository's folder inside the git repository ("" at the top).
    package let prefix: String
    private let listing: [SourceFile]
    private let blobs: [String: String]

    /// Lists the files of `commit` below `prefix`.
    package init(repository: GitRepository, commit: String, prefix: String) throws(GitError) {
        self.gitdir = repository.gitdir
        self.commit = commit
        self.prefix = prefix
        listing = try repository.files(of: commit, under: prefix)
        var blobs: [String: String] = [:]
        blobs.reserveCapacity(listing.count)
        for file in listing { blobs[file.path] = file.contentID }
        self.blobs = blobs
    }

    package func files() -> [SourceFile] {
        listing
    }

    package func reader() throws(CasebookError) -> CommitTreeReader {
        do throws(GitError) {
            return CommitTreeReader(repository: try GitRepository(discoveringFrom: gitdir), blobs: blobs)
        } catch {
            throw .unreadable(path: gitdir, reason: error.description)
        }
    }
}

/// Reads the blobs of a ``CommitTree`` through a repository handle of its own.
package struct CommitTreeReader: SourceReader {
    let repository: GitRepository
    let blobs: [String: String]

    package func contents(of path: String) throws(CasebookError) -> [UInt8] {
        guard let blob = blobs[path] else { throw .unreadable(path: path, reason: "no such file in the commit") }
        do throws(GitError) {
            return try repository.blob(blob)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
    }
}
