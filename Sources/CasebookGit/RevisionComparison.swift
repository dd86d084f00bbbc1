import CasebookCore

/// Two states of a case repository loaded for comparison: a revision as the base, and a
/// revision or the working tree as the head. The head reuses what the base parsed; a head
/// revision whose changes are few is derived from the base (``Snapshot/applying(_:reader:)``).
package struct RevisionComparison {
    package let base: Snapshot
    package let head: Snapshot
    package let baseCommit: String
    /// `nil` when the head is the working tree.
    package let headCommit: String?
    /// The head's files: a commit's tree or the working tree.
    package let headSource: any SourceTree
    package let repository: CaseRepository
    private let baseRevision: String
    private let headRevision: String?
    /// The base and head commits' authors, dates and messages.
    private let baseDetails: GitCommit
    private let headDetails: GitCommit?

    /// Loads `base` and `head` (`nil`: the files on disk) of the case repository at or above `path`.
    package init(path: String, base: String, head: String?) throws {
        repository = try CaseRepository(at: path)
        let baseTree = try repository.tree(at: base)
        self.base = try Snapshot.load(from: baseTree)
        baseCommit = baseTree.commit
        baseDetails = try repository.git.commit(baseTree.commit)
        baseRevision = base
        headRevision = head
        if let head {
            let headTree = try repository.tree(at: head)
            self.head = try Self.load(headTree, from: self.base, at: baseCommit, in: repository)
            headCommit = headTree.commit
            headDetails = try repository.git.commit(headTree.commit)
            headSource = headTree
        } else {
            let workingTree = try WorkingTree.discover(from: path)
            self.head = try Snapshot.load(from: workingTree, reusing: self.base.parseCache)
            headCommit = nil
            headDetails = nil
            headSource = workingTree
        }
    }

    /// The case repository where the head's branch forked off the base (the working tree's
    /// commit stands for the working tree), or `nil` when their histories never meet.
    package func forkPoint() throws -> Snapshot? {
        guard let commit = try repository.git.mergeBase(baseCommit, headCommit ?? "HEAD") else { return nil }
        if commit == baseCommit { return base }
        return try Self.load(try repository.tree(at: commit), from: base, at: baseCommit, in: repository)
    }

    /// The snapshot of `tree`, derived from `snapshot` (of commit `commit`) when it can be, or
    /// loaded with its parse cache.
    private static func load(_ tree: CommitTree, from snapshot: Snapshot, at commit: String, in repository: CaseRepository) throws -> Snapshot {
        let changes = try repository.changes(from: commit, to: tree.commit)
        return try snapshot.applying(changes.files, reader: changes.reader) ?? Snapshot.load(from: tree, reusing: snapshot.parseCache)
    }

    /// What changed from the base to the head.
    package var diff: SnapshotDiff {
        SnapshotDiff(from: base, to: head)
    }

    /// `base` and `head` as JSON members: each revision as given and the commit it resolved to
    /// (`null` for the working tree), as `GET …/diff` gives them.
    package var revisions: [(String, JSONText)] {
        [
            ("base", .object([("ref", .string(baseRevision)), ("commit", baseDetails.json)])),
            ("head", .object([("ref", .optional(headRevision)), ("commit", headDetails?.json ?? .null)])),
        ]
    }
}
