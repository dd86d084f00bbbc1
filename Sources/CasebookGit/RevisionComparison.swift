import CasebookCore

/// Two states of a case repository loaded for comparison: a revision as the base, and a
/// revision or the working tree as the head. The head reuses what the base parsed.
package struct RevisionComparison {
    package let base: Snapshot
    package let head: Snapshot
    package let baseCommit: String
    /// `nil` when the head is the working tree.
    package let headCommit: String?
    private let baseRevision: String
    private let headRevision: String?

    /// Loads `base` and `head` (`nil`: the files on disk) of the case repository at or above `path`.
    package init(path: String, base: String, head: String?) throws {
        let repository = try CaseRepository(at: path)
        let baseTree = try repository.tree(at: base)
        self.base = try Snapshot.load(from: baseTree)
        baseCommit = baseTree.commit
        baseRevision = base
        headRevision = head
        if let head {
            let headTree = try repository.tree(at: head)
            self.head = try Snapshot.load(from: headTree, reusing: self.base.parseCache)
            headCommit = headTree.commit
        } else {
            self.head = try Snapshot.load(from: try WorkingTree.discover(from: path), reusing: self.base.parseCache)
            headCommit = nil
        }
    }

    /// What changed from the base to the head.
    package var diff: SnapshotDiff {
        SnapshotDiff(from: base, to: head)
    }

    /// `base` and `head` as JSON members: each revision as given and the commit it resolved to.
    package var revisions: [(String, JSONText)] {
        [
            ("base", .object([("ref", .string(baseRevision)), ("commit", .string(baseCommit))])),
            ("head", .object([("ref", headRevision.map(JSONText.string) ?? .null), ("commit", headCommit.map(JSONText.string) ?? .null)])),
        ]
    }
}
