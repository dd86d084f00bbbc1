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
    /// Every file with its blob id, in path order.
    private let listing: [SourceFile]

    /// Lists the files of `commit` below `prefix`.
    package init(repository: GitRepository, commit: String, prefix: String) throws(GitError) {
        self.gitdir = repository.gitdir
        self.commit = commit
        self.prefix = prefix
        listing = CommitTreeReader.inPathOrder(try repository.files(of: commit, under: prefix))
    }

    package func files() -> [SourceFile] {
        listing
    }

    package func reader() throws(CasebookError) -> CommitTreeReader {
        do throws(GitError) {
            return CommitTreeReader(repository: try GitRepository(discoveringFrom: gitdir), files: listing)
        } catch {
            throw .unreadable(path: gitdir, reason: error.description)
        }
    }
}

/// Reads the blobs of a ``CommitTree`` (or of the files a commit changed) through a repository
/// handle of its own: by blob id when the caller knows it, else by looking the path up.
package struct CommitTreeReader: SourceReader {
    let repository: GitRepository
    /// The files it can read, with their blob ids, in path order (see ``inPathOrder(_:)``).
    let files: [SourceFile]

    /// `files` sorted by path, as a reader needs them; a commit's tree lists them so already.
    static func inPathOrder(_ files: [SourceFile]) -> [SourceFile] {
        let sorted = zip(files, files.dropFirst()).allSatisfy { $0.path < $1.path }
        return sorted ? files : files.sorted { $0.path < $1.path }
    }

    package func contents(of path: String) throws(CasebookError) -> [UInt8] {
        let index = files.partitioningIndex { $0.path >= path }
        guard index < files.count, files[index].path == path, let blob = files[index].contentID else {
            throw .unreadable(path: path, reason: "no such file in the commit")
        }
        return try read(blob, at: path)
    }

    package func contents(of file: SourceFile) throws(CasebookError) -> [UInt8] {
        guard let blob = file.contentID else { return try contents(of: file.path) }
        return try read(blob, at: file.path)
    }

    private func read(_ blob: String, at path: String) throws(CasebookError) -> [UInt8] {
        let read: GitRepository.Blob
        do throws(GitError) {
            read = try repository.blob(blob, atMost: SourceFile.maximumSize)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        switch read {
        case .bytes(let bytes): return bytes
        case .tooLarge(let size): throw .tooLarge(path: path, size: size)
        }
    }
}
