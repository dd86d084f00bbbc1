/// A commit as a reader sees it: who, when, why.
package struct GitCommit: Sendable, Hashable {
    /// The 40-digit hex id.
    package var id: String
    package var parents: [String]
    package var authorName: String
    package var authorEmail: String
    /// Seconds since 1970-01-01 UTC.
    package var time: Int64
    /// The author's offset from UTC, in minutes.
    package var timeOffset: Int
    /// The whole message.
    package var message: String

    /// The first line of the message.
    package var summary: String {
        String(message.prefix { $0 != "\n" })
    }
}

/// A file that differs between two commits.
package struct GitChange: Sendable, Hashable {
    package enum Status: String, Sendable {
        case added, deleted, modified
    }

    package var status: Status
    /// The path relative to the compared folder: the old path for a deleted file, else the new one.
    package var path: String
    /// The blob before (`nil` when added).
    package var oldBlob: String?
    /// The blob after (`nil` when deleted).
    package var newBlob: String?
}
