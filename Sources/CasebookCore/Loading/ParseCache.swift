/// What each file of a snapshot parsed to, by path and blob id: loading the next commit of the
/// same repository parses only the files whose content changed. Parsing depends on
/// `casebook.yaml` (custom fields, devices), so a changed `casebook.yaml` empties it. A file
/// casebook did not read (one that does not belong) may have an entry, for its finding; it counts
/// as none of the files read.
package struct ParseCache: Sendable {
    /// The blob id of the `casebook.yaml` the entries were parsed with.
    let settingsID: String
    private let entries: OverlaidDictionary<Entry>

    struct Entry: Sendable {
        var contentID: String
        var parsed: ParsedFile

        init(contentID: String, parsed: ParsedFile) {
            self.contentID = contentID
            self.parsed = parsed
        }

        /// Reads the file at `path` (content `contentID` when the source knows it) with `reader`
        /// and parses it, unless `cache` holds that content (then the file is not even read). A
        /// file that cannot be read yields a finding and an entry without a content id, which no
        /// later load takes for its content.
        init(
            reading path: String, contentID: String?, kind: FileKind, with reader: Result<any SourceReader, CasebookError>,
            settings: ProjectSettings, reusing cache: ParseCache
        ) {
            if let contentID, let hit = cache.parsed(path, contentID: contentID) {
                self.init(contentID: contentID, parsed: hit)
                return
            }
            do throws(CasebookError) {
                let bytes = try reader.get().contents(of: SourceFile(path: path, contentID: contentID))
                let id = contentID ?? GitBlobID.of(bytes)
                self.init(
                    contentID: id,
                    parsed: cache.parsed(path, contentID: id) ?? ParsedFile.parse(bytes, path: path, kind: kind, contentID: id, settings: settings))
            } catch {
                let rule: Rule = if case .tooLarge = error { .fileTooLarge } else { .fileUnreadable }
                let finding = Finding(rule, file: path, at: .start, error.description)
                self.init(contentID: "", parsed: ParsedFile(content: .nothing, findings: [finding]))
            }
        }
    }

    /// A cache that knows nothing.
    package static let empty = ParseCache(settingsID: "", entries: OverlaidDictionary([:]))

    /// The entries of a load: `paths` in ascending order, with what each file parsed to (`nil`
    /// where nothing is kept). Kept as they are, without hashing a path.
    init(settingsID: String, paths: [String], entries: [Entry?]) {
        self.init(settingsID: settingsID, entries: OverlaidDictionary(sortedKeys: paths, values: entries))
    }

    private init(settingsID: String, entries: OverlaidDictionary<Entry>) {
        self.settingsID = settingsID
        self.entries = entries
    }

    /// What the file at `path` with content `contentID` parsed to, if this cache holds it.
    func parsed(_ path: String, contentID: String) -> ParsedFile? {
        guard let entry = entries[path], entry.contentID == contentID else { return nil }
        return entry.parsed
    }

    /// Whether the cache holds no entry.
    var isEmpty: Bool {
        entries.count == 0
    }

    /// The entry of the file at `path`, whatever its content.
    func entry(at path: String) -> Entry? {
        entries[path]
    }

    /// The paths of the files read that the cache holds, in no particular order.
    var paths: [String] {
        var paths: [String] = []
        paths.reserveCapacity(entries.count)
        entries.forEach { path, entry in
            if entry.parsed.wasRead { paths.append(path) }
        }
        return paths
    }

    /// This cache with the entries of `updates` set (`nil`: the file is gone).
    func updating(_ updates: [(path: String, entry: Entry?)]) -> ParseCache {
        var entries = self.entries
        for (path, entry) in updates { entries[path] = entry }
        return ParseCache(settingsID: settingsID, entries: entries)
    }

    /// How many of the files read of `other`, loaded reusing this cache (so with the same
    /// settings), this cache does not hold: the files parsed to make `other` from this.
    func missing(from other: ParseCache) -> Int {
        var count = 0
        other.entries.forEach { path, entry in
            if entry.parsed.wasRead, self.entries[path]?.contentID != entry.contentID { count += 1 }
        }
        return count
    }
}
