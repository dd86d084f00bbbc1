import CasebookCore
import Foundation

extension GitCommit {
    /// The commit as answers and reports give it: id, author, email, date and the message's first line.
    package var json: JSONText {
        .object([
            ("id", .string(id)),
            ("author", .string(authorName)),
            ("email", .string(authorEmail)),
            ("date", .string(date)),
            ("message", .string(summary)),
        ])
    }

    /// When the commit was authored, as an RFC 3339 date-time in UTC, like `2026-11-21T09:30:00Z`.
    package var date: String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(Date.ISO8601FormatStyle())
    }
}
