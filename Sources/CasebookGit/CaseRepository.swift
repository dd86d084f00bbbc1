import CasebookCore
import Foundation

/// A case repository inside a git repository: the git repository and the folder of
/// `casebook.yaml` within it (`sample-repo` in this project, "" when it is the whole repository).
package final class CaseRepository {
    package let git: GitRepository
    /// The case repository's folder relative to the git repository's root, without slashes at the ends.
    package let prefix: String

    /// The case repository at or above `path`. In a working tree, the case repository is the
    /// nearest folder with a `casebook.yaml` (as `casebook validate` finds it); in a bare
    /// repository, the top of the tree.
    package init(at path: String) throws(GitError) {
        git = try GitRepository(discoveringFrom: path)
        guard let workdir = git.workdir else {
            prefix = ""
            return
        }
        let root = (try? WorkingTree.discover(from: path).root) ?? path
        prefix = Self.relative(Self.canonical(root), to: Self.canonical(workdir))
    }

    /// The case repository as `revision` (branch, tag, commit, `HEAD~2`…) holds it.
    package func tree(at revision: String) throws(GitError) -> CommitTree {
        try CommitTree(repository: git, commit: git.resolve(revision), prefix: prefix)
    }

    /// The path in the git repository of `path`, a path relative to the case repository root.
    package func gitPath(_ path: String) -> String {
        prefix.isEmpty ? path : prefix + "/" + path
    }

    private static func canonical(_ path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return resolved.hasSuffix("/") && resolved.count > 1 ? String(resolved.dropLast()) : resolved
    }

    private static func relative(_ path: String, to root: String) -> String {
        guard path != root else { return "" }
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : ""
    }
}
