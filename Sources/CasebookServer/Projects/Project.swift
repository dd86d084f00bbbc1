import CasebookCore
import CasebookGit
import Foundation
import Synchronization

/// A case repository the server serves, under the key its `casebook.yaml` gives. Readers take
/// the current snapshot without waiting; a refresh builds the next one aside and swaps it in whole.
final class Project: Sendable {
    let key: String
    let repository: ProjectRepository
    private let state: Mutex<State>

    /// How many snapshots of other revisions (`?ref=`) are kept besides the followed one.
    private static let keptRevisions = 4

    /// How many files the kept snapshots of other revisions may have parsed between them (what
    /// they hold beside what they share with the followed snapshot): as many as half the
    /// followed one's cases, and at least 1,000. A revision that shares little with the followed one (an old
    /// release, another history) is served and let go, so memory returns to the followed
    /// snapshot's own once such reads end.
    private static func keptFiles(beside current: ServedSnapshot) -> Int {
        max(1_000, current.snapshot.cases.count / 2)
    }

    private struct State {
        var current: ServedSnapshot
        var lastError: String?
        var lastPoll: Date
        /// Snapshots of other revisions, most recently used first.
        var others: [ServedSnapshot] = []
        /// Builds of other revisions under way, by commit: reads of a revision that is being
        /// built wait for that build instead of starting another.
        var building: [String: Task<ServedSnapshot, any Error>] = [:]
        /// The refresh under way, and the one that runs after it, which every refresh asked for
        /// meanwhile shares.
        var refreshing: Task<RefreshOutcome, Never>?
        var nextRefresh: Task<RefreshOutcome, Never>?
    }

    /// What a refresh did.
    struct RefreshOutcome: Sendable {
        var commit: String
        var changed: Bool
        var parsedFiles: Int
        /// Why the repository could not be read, when it could not: the last snapshot stays served.
        var error: String?
    }

    /// The state `/health/ready` reports.
    struct Health: Sendable {
        var commit: String
        var lastPoll: Date
        var lastError: String?
    }

    private init(key: String, repository: ProjectRepository, current: ServedSnapshot) {
        self.key = key
        self.repository = repository
        self.state = Mutex(State(current: current, lastError: current.defect, lastPoll: Date()))
    }

    /// Opens the case repository of `source` and builds the snapshot of the branch it follows.
    static func open(_ source: ProjectSource) async throws -> Project {
        let repository = try ProjectRepository(source)
        let commit = try await repository.poll()
        let served = try await repository.build(commit, from: nil)
        return Project(key: served.snapshot.settings.key, repository: repository, current: served)
    }

    /// The snapshot of the followed branch.
    var current: ServedSnapshot {
        state.withLock { $0.current }
    }

    /// The commits of the snapshots of other revisions kept now, most recently used first.
    var keptCommits: [String] {
        state.withLock { $0.others.map(\.commit.id) }
    }

    var health: Health {
        state.withLock { Health(commit: $0.current.commit.id, lastPoll: $0.lastPoll, lastError: $0.lastError) }
    }

    /// Polls the followed branch (fetching first when following a remote) and, when it moved,
    /// builds the new snapshot from the last one and swaps it in. A commit with
    /// broken files is served with its findings; a repository that cannot be read, a commit
    /// whose files git could not all read and one whose `casebook.yaml` has errors keep the last
    /// snapshot served (the next poll tries the same commit again), and the reason is kept for
    /// `/health/ready`. The snapshot it replaces is
    /// released when it returns; the `casebook` program allocates with mimalloc, which hands the
    /// freed pages back to the system by itself.
    ///
    /// One refresh runs at a time. Asked for while one runs (a webhook for a push the running
    /// poll may have missed), it runs once more after it; every request that comes meanwhile
    /// shares that one, so a burst of webhooks polls and builds twice, not once each.
    func refresh() async -> RefreshOutcome {
        let task = state.withLock { state -> Task<RefreshOutcome, Never> in
            if let next = state.nextRefresh { return next }
            guard let running = state.refreshing else {
                let task = Task { await self.pollAndBuild() }
                state.refreshing = task
                return task
            }
            let next = Task {
                _ = await running.value
                self.state.withLock {
                    $0.refreshing = $0.nextRefresh
                    $0.nextRefresh = nil
                }
                return await self.pollAndBuild()
            }
            state.nextRefresh = next
            return next
        }
        return await task.value
    }

    /// One refresh; when it ends, none is under way unless another waits to run.
    private func pollAndBuild() async -> RefreshOutcome {
        defer { state.withLock { if $0.nextRefresh == nil { $0.refreshing = nil } } }
        let current = self.current
        do {
            let commit = try await repository.poll()
            guard commit != current.commit.id else {
                state.withLock {
                    $0.lastPoll = Date()
                    $0.lastError = nil
                }
                return RefreshOutcome(commit: commit, changed: false, parsedFiles: 0)
            }
            let next = try await repository.build(commit, from: current)
            if let defect = next.defect {
                state.withLock {
                    $0.lastPoll = Date()
                    $0.lastError = defect
                }
                return RefreshOutcome(commit: current.commit.id, changed: false, parsedFiles: next.snapshot.parsedFiles, error: defect)
            }
            state.withLock {
                $0.current = next
                $0.lastPoll = Date()
                $0.lastError = nil
                // They share what they hold with the snapshot just replaced, which they would keep.
                $0.others = []
            }
            return RefreshOutcome(commit: commit, changed: true, parsedFiles: next.snapshot.parsedFiles)
        } catch {
            let reason = "\(error)"
            state.withLock {
                $0.lastPoll = Date()
                $0.lastError = reason
            }
            return RefreshOutcome(commit: current.commit.id, changed: false, parsedFiles: 0, error: reason)
        }
    }

    /// The snapshot a read with `?ref=revision` answers from: the followed branch's when
    /// `revision` is `nil` or names the same commit; otherwise built (or kept from before).
    func snapshot(at revision: String?) async throws -> ServedSnapshot {
        let current = self.current
        guard let revision else { return current }
        let commit: String
        do {
            commit = try await repository.resolve(revision)
        } catch {
            throw Problem.notFound("ref", revision)
        }
        if commit == current.commit.id { return current }
        let lookup = state.withLock { state -> Lookup in
            if let index = state.others.firstIndex(where: { $0.commit.id == commit }) {
                let kept = state.others.remove(at: index)
                state.others.insert(kept, at: 0)
                return .kept(kept)
            }
            if let running = state.building[commit] { return .building(running) }
            let task = Task { try await self.build(commit, from: current) }
            state.building[commit] = task
            return .building(task)
        }
        switch lookup {
        case .kept(let kept):
            return kept
        case .building(let build):
            do {
                return try await build.value
            } catch {
                throw Problem.unreadableRevision(revision, reason: "\(error)")
            }
        }
    }

    /// A revision's snapshot as `snapshot(at:)` finds it: kept from before, or being built.
    private enum Lookup {
        case kept(ServedSnapshot)
        case building(Task<ServedSnapshot, any Error>)
    }

    /// Builds the snapshot of `commit` (another revision than the followed one) from `current`
    /// and keeps it, in the same step as it stops being under way.
    private func build(_ commit: String, from current: ServedSnapshot) async throws -> ServedSnapshot {
        do {
            let built = try await repository.build(commit, from: current)
            state.withLock {
                $0.building[commit] = nil
                // One that git could not read whole is built again next time.
                guard built.readWhole, $0.current === current, built.snapshot.parsedFiles <= Self.keptFiles(beside: current) else { return }
                $0.others.insert(built, at: 0)
                while $0.others.count > Self.keptRevisions || $0.others.reduce(0, { $0 + $1.snapshot.parsedFiles }) > Self.keptFiles(beside: current)
                {
                    $0.others.removeLast()
                }
            }
            return built
        } catch {
            state.withLock { _ = $0.building.removeValue(forKey: commit) }
            throw error
        }
    }
}
