/// Why a git operation failed, saying what was asked for and what libgit2 answered.
package enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No git repository at or above the path.
    case notARepository(path: String)
    /// A ref, tag or commit that does not resolve to a commit.
    case unknownRevision(String)
    /// A path that is not in the commit.
    case pathNotFound(path: String, commit: String)
    /// Any other failure of a libgit2 call.
    case failed(operation: String, message: String)

    package var description: String {
        switch self {
        case .notARepository(let path):
            "no git repository at or above \(path); commit the case repository to git first"
        case .unknownRevision(let revision):
            "'\(revision)' is not a branch, tag or commit of the repository"
        case .pathNotFound(let path, let commit):
            "'\(path)' is not in commit \(commit.prefix(12))"
        case .failed(let operation, let message):
            "git \(operation) failed: \(message)"
        }
    }
}
