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
    /// Why this snapshot must not replace a good one, if it must not: git could not read one of
    /// its files (an incomplete fetch, a damaged object store), or its `casebook.yaml` has errors
    /// (no devices, no custom fields: every case would be judged by the wrong settings).
    let defect: String?
    /// Whether git read every file of the commit.
    let readWhole: Bool

    init(commit: GitCommit, snapshot: Snapshot, buildSeconds: Double) {
        self.commit = commit
        self.snapshot = snapshot
        self.buildSeconds = buildSeconds
        commitJSON = commit.json
        let short = commit.id.prefix(10)
        let unread = snapshot.findings.first { $0.rule == .fileUnreadable }
        readWhole = unread == nil
        if let unread {
            defect = "commit \(short) could not be read whole (\(unread.file): \(unread.message)); the last commit read whole stays served"
        } else if let settings = snapshot.findings.first(where: { $0.file == "casebook.yaml" && $0.severity == .error }) {
            defect =
                "commit \(short) has errors in casebook.yaml (\(settings.mark.line):\(settings.mark.column): \(settings.message)); "
                + "the last commit with valid settings stays served"
        } else {
            defect = nil
        }
    }

    /// The case with `id`. (Request handlers look cases up here: reading `snapshot.testCase(_:)`
    /// in an async handler copied the whole snapshot struct, a dozen reference counts each way.)
    func testCase(_ id: String) -> TestCase? {
        snapshot.testCase(id)
    }
}
