/// What each file of a snapshot parsed to, by path and blob id: loading the next commit of the
/// same repository parses only the files whose content changed. Parsing depends on
/// `casebook.yaml` (custom fields, devices), so a changed `casebook.yaml` empties it.
package struct ParseCache: Sendable {
    /// The blob id of the `casebook.yaml` the entries were parsed with.
    let settingsID: String
    private let entries: [String: Entry]

    struct Entry: Sendable {
        var contentID: String
        var parsed: ParsedFile
    }

    /// A cache that knows nothing.
    package static let empty = ParseCache(settingsID: "", entries: [:])

    init(settingsID: String, entries: [String: Entry]) {
        self.settingsID = settingsID
        self.entries = entries
    }

    /// What the file at `path` with content `contentID` parsed to, if this cache holds it.
    func parsed(_ path: String, contentID: String) -> ParsedFile? {
        guard let entry = entries[path], entry.contentID == contentID else { return nil }
        return entry.parsed
    }

    /// How many of `other`'s entries this cache does not hold: the files parsed to make `other` from this.
    func missing(from other: ParseCache) -> Int {
        guard other.settingsID == settingsID else { return other.entries.count }
        return other.entries.count { path, entry in entries[path]?.contentID != entry.contentID }
    }
}
