import Synchronization

/// The last progress computed for each run, valid while the run's revision (its result writes)
/// and the commit compared with stay the same: a dashboard polling a run it does not write to
/// gets it without the database being read again beyond the run's row.
final class ProgressCache: Sendable {
    private struct Entry {
        var revision: Int64
        var commit: String
        var progress: RunProgress
    }

    /// Runs kept, most recently used last.
    private static let capacity = 64
    private let entries = Mutex<[(runID: Int64, entry: Entry)]>([])

    func progress(run runID: Int64, revision: Int64, commit: String) -> RunProgress? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.runID == runID }) else { return nil }
            let entry = entries[index].entry
            guard entry.revision == revision, entry.commit == commit else { return nil }
            entries.append(entries.remove(at: index))
            return entry.progress
        }
    }

    func store(_ progress: RunProgress, run runID: Int64, revision: Int64, commit: String) {
        entries.withLock { entries in
            entries.removeAll { $0.runID == runID }
            entries.append((runID, Entry(revision: revision, commit: commit, progress: progress)))
            if entries.count > Self.capacity { entries.removeFirst() }
        }
    }
}
