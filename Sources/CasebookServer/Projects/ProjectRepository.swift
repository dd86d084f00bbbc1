import CasebookCore
import CasebookGit
import CasebookStore
import Foundation
import Synchronization

/// The git side of a served project: the only place its libgit2 handle is used, one call at a
/// time. Builds snapshots (reusing the parse cache of the last one) and reads history, each on
/// the pool of blocking threads (``offloaded(_:)``), never on a thread that serves requests.
final class ProjectRepository: Sendable {
    private let repository: Mutex<CaseRepository>
    private let source: ProjectSource
    /// The revision followed, like `main` or `origin/main`.
    let followed: String

    init(_ source: ProjectSource) throws(GitError) {
        let repository = try CaseRepository(at: source.path)
        let branch = source.branch ?? repository.git.currentBranch() ?? "HEAD"
        followed = source.remote.map { "\($0)/\(branch)" } ?? branch
        self.source = source
        self.repository = Mutex(repository)
    }

    /// Runs `work` with the repository, on the pool, once no other call uses it.
    private func withRepository<Value: Sendable>(_ work: @escaping @Sendable (CaseRepository) throws -> Value) async throws -> Value {
        try await offloaded { try self.repository.withLock { try work($0) } }
    }

    /// Fetches the remote, when there is one, and answers the commit the followed branch is at.
    func poll() async throws -> String {
        let source = source, followed = followed
        return try await withRepository { repository in
            if let remote = source.remote { try repository.git.fetch(remote: remote) }
            return try repository.git.resolve(followed)
        }
    }

    /// The branches (local, then remote-tracking) and tags a page may be read at, by short name.
    func references() async throws -> [String] {
        try await withRepository { repository in
            let branches = try repository.git.branches().map { name in
                name.hasPrefix("refs/heads/") ? String(name.dropFirst(11)) : name.hasPrefix("refs/remotes/") ? String(name.dropFirst(13)) : name
            }
            return branches + (try repository.git.tags())
        }
    }

    /// The commit `revision` names.
    func resolve(_ revision: String) async throws -> String {
        try await withRepository { try $0.git.resolve(revision) }
    }

    /// Builds the snapshot of `commit`: derived from `previous` by the files that differ when it
    /// can be, else loaded whole, parsing only the files `previous`'s parse cache does not hold.
    /// `previous`'s commit may be gone (a force-push, then garbage collection): then too the
    /// snapshot is loaded whole.
    func build(_ commit: String, from previous: ServedSnapshot?) async throws -> ServedSnapshot {
        try await withRepository { repository in
            let started = ContinuousClock.now
            var snapshot: Snapshot?
            if let previous, let changes = try? repository.changes(from: previous.commit.id, to: commit) {
                snapshot = previous.snapshot.applying(changes.files, reader: changes.reader)
            }
            let built = try snapshot ?? Snapshot.load(from: repository.tree(at: commit), reusing: previous?.snapshot.parseCache ?? .empty)
            let seconds = (ContinuousClock.now - started).inSeconds
            return ServedSnapshot(commit: try repository.git.commit(commit), snapshot: built, buildSeconds: seconds)
        }
    }

    /// The commits from `commit` back that changed the case `id`, whose file is at `path` there.
    func history(ofCase id: String, at path: String, from commit: String) async throws -> [CaseRevision] {
        try await withRepository { try $0.history(ofCase: id, at: path, from: commit) }
    }

    /// The commits from `commit` back that changed the case `id` (whose file is at `path`
    /// there), each with the field and step changes it made, its versions read with `settings`.
    func log(ofCase id: String, at path: String, from commit: String, settings: ProjectSettings) async throws -> [CaseLogEntry] {
        try await withRepository { try $0.log(ofCase: id, at: path, from: commit, settings: settings) }
    }

    /// The lines of each of `paths` (from the case repository's root) at `commit`; a file that
    /// cannot be read is left out.
    func lines(of paths: Set<String>, at commit: String) async throws -> [String: [Substring]] {
        try await withRepository { repository in
            let reader = try repository.tree(at: commit).reader()
            var lines: [String: [Substring]] = [:]
            for path in paths {
                guard let bytes = try? reader.contents(of: path) else { continue }
                lines[path] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            return lines
        }
    }
}
