internal import CGit2
import CasebookCore

/// The process-wide libgit2 set-up, done once before the first repository is opened.
enum Libgit2 {
    /// `git_libgit2_init` runs on first use of this property. Objects are read without hashing
    /// them again (as git reads them): checking every blob's hash cost about 8% of the CPU of
    /// indexing a commit.
    static let initialized: Bool = git_libgit2_init() > 0 && casebook_git_trust_object_hashes() == 0

    /// Throws a ``GitError`` carrying libgit2's last error when `code` is negative. Call it right
    /// after the failing call, on the same thread.
    static func check(_ code: Int32, _ operation: String) throws(GitError) {
        guard code < 0 else { return }
        throw .failed(operation: operation, message: lastErrorMessage())
    }

    /// The message of the calling thread's last libgit2 error.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else { return "unknown error" }
        return String(cString: message)
    }
}

extension git_oid {
    /// The 40-digit hex id.
    var hex: String {
        var oid = self
        return withUnsafeBytes(of: &oid.id) { Hex.lowercase($0) }
    }

    /// The id written as 40 hex digits, or `nil` when `hex` is not one.
    init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, hex, 40) == 0 else { return nil }
        self = oid
    }
}
