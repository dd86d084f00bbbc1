import CasebookCore

/// One commit in the history of a case.
package struct CaseRevision: Sendable, Hashable {
    package enum Change: String, Sendable {
        case added, modified, moved
    }

    package var commit: GitCommit
    package var change: Change
    /// The case's file in this commit, relative to the case repository root.
    package var path: String
    /// For a move: where the file was before.
    package var previousPath: String?
}

extension CaseRepository {
    /// The commits reachable from `revision` that changed the case whose file is at `path` in
    /// `revision`, newest first. A file that appears where another file with the same case id
    /// disappeared in the same commit is the same case moved, and its history goes on at the old path.
    package func history(ofCase id: String, at path: String, from revision: String) throws(GitError) -> [CaseRevision] {
        var revisions: [CaseRevision] = []
        var current = path
        try git.walk(from: revision) { commit throws(GitError) in
            guard let blob = try git.blobID(at: gitPath(current), in: commit.id) else { return true }
            let parent = commit.parents.first
            let parentBlob = try parent.map { parent throws(GitError) in try git.blobID(at: gitPath(current), in: parent) } ?? nil
            if blob == parentBlob { return true }
            if parentBlob != nil {
                revisions.append(CaseRevision(commit: commit, change: .modified, path: current))
                return true
            }
            if let parent, let previous = try movedFrom(id: id, parent: parent, commit: commit.id) {
                revisions.append(CaseRevision(commit: commit, change: .moved, path: current, previousPath: previous))
                current = previous
                return true
            }
            revisions.append(CaseRevision(commit: commit, change: .added, path: current))
            return false
        }
        return revisions
    }

    /// The path of a case file with `id` that `commit` deleted from its parent.
    private func movedFrom(id: String, parent: String, commit: String) throws(GitError) -> String? {
        for change in try git.changes(from: parent, to: commit, under: prefix) where change.status == .deleted && change.path.hasPrefix("cases/") {
            guard let blob = change.oldBlob else { continue }
            if let bytes = try git.caseFile(blob), TestCase.id(inFile: bytes) == id { return change.path }
        }
        return nil
    }
}
