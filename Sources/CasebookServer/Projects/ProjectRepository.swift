import CasebookCore
import CasebookGit
import Foundation

/// The git side of a served project: the only place its libgit2 handle is used, one call at a
/// time. Builds snapshots (reusing the parse cache of the last one) and reads history.
actor ProjectRepository {
    private let repository: CaseRepository
    private let source: ProjectSource
    /// The revision followed, like `main` or `origin/main`.
    let followed: String

    init(_ source: ProjectSource) throws(GitError) {
        let repository = try CaseRepository(at: source.path)
        self.repository = repository
        self.source = source
        let branch = source.branch ?? repository.git.currentBranch() ?? "HEAD"
        followed = source.remote.map { "\($0)/\(branch)" } ?? branch
    }

    /// Fetches the remote, when there is one, and answers the commit the followed branch is at.
    func poll() throws(GitError) -> String {
        if let remote = source.remote { try repository.git.fetch(remote: remote) }
        return try repository.git.resolve(followed)
    }

    /// The commit `revision` names.
    func resolve(_ revision: String) throws(GitError) -> String {
        try repository.git.resolve(revision)
    }

    /// Builds the snapshot of `commit`: derived from `previous` by the files that differ when it
    /// can be, else loaded whole, parsing only the files `previous`'s parse cache does not hold.
    /// `previous`'s commit may be gone (a force-push, then garbage collection): then too the
    /// snapshot is loaded whole.
    func build(_ commit: String, from previous: ServedSnapshot?) throws -> ServedSnapshot {
        let started = ContinuousClock.now
        var snapshot: Snapshot?
        if let previous, let changes = try? repository.changes(from: previous.commit.id, to: commit) {
            snapshot = previous.snapshot.applying(changes.files, reader: changes.reader)
        }
        let built = try snapshot ?? Snapshot.load(from: repository.tree(at: commit), reusing: previous?.snapshot.parseCache ?? .empty)
        let seconds = (ContinuousClock.now - started).inSeconds
        return ServedSnapshot(commit: try repository.git.commit(commit), snapshot: built, buildSeconds: seconds)
    }

    /// The commits from `commit` back that changed the case `id`, whose file is at `path` there.
    func history(ofCase id: String, at path: String, from commit: String) throws(GitError) -> [CaseRevision] {
        try repository.history(ofCase: id, at: path, from: commit)
    }
}
