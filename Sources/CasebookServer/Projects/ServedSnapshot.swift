import CasebookCore
import CasebookGit

/// A snapshot and the commit it was built from: what every read answers from.
final class ServedSnapshot: Sendable {
    let commit: GitCommit
    let snapshot: Snapshot
    /// How long building it took, in seconds.
    let buildSeconds: Double
    /// The commit as every answer from this snapshot starts with it, made once.
    let commitJSON: JSONText

    init(commit: GitCommit, snapshot: Snapshot, buildSeconds: Double) {
        self.commit = commit
        self.snapshot = snapshot
        self.buildSeconds = buildSeconds
        commitJSON = CommitJSON.make(commit)
    }
}
