import CasebookCore

extension CaseRepository {
    /// The files of the case repository that differ between the commits `old` and `new` (the
    /// folders whose tree is the same are skipped), and a reader of their contents in `new`.
    package func changes(from old: String, to new: String) throws(GitError) -> (files: [FileChange], reader: CommitTreeReader) {
        let changes = try git.changes(from: old, to: new, under: prefix)
        let files = changes.compactMap { change in change.newBlob.map { SourceFile(path: change.path, contentID: $0) } }
        return (
            changes.map { FileChange(path: $0.path, contentID: $0.newBlob) },
            CommitTreeReader(repository: git, files: CommitTreeReader.inPathOrder(files))
        )
    }
}
