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
        commitJSON = commit.json
    }

    /// The case with `id`. (Request handlers look cases up here: reading `snapshot.testCase(_:)`
    /// in an async handler copied the whole snapshot struct, a dozen reference counts each way.)
    func testCase(_ id: String) -> TestCase? {
        snapshot.testCase(id)
    }
}
