import CasebookCore
import CasebookGit
import Foundation

/// How commits appear in responses.
enum CommitJSON {
    static func make(_ commit: GitCommit) -> JSONText {
        .object([
            ("id", .string(commit.id)),
            ("author", .string(commit.authorName)),
            ("email", .string(commit.authorEmail)),
            ("date", .string(date(commit.time))),
            ("message", .string(commit.summary)),
        ])
    }

    /// `seconds` since 1970 as an RFC 3339 UTC date-time.
    static func date(_ seconds: Int64) -> String {
        ISO8601.string(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
