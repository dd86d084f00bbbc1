import CasebookCore
import CasebookGit

/// A snapshot and the commit it was built from: what every read answers from.
struct ServedSnapshot: Sendable {
    let commit: GitCommit
    let snapshot: Snapshot
    /// How long building it took, in seconds.
    let buildSeconds: Double
}
