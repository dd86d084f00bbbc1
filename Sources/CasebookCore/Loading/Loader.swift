extension Snapshot {
    /// Reads, validates and indexes every file of `source`. Files are classified, read and parsed
    /// in parallel; problems in files become findings. A file whose path and blob id `cache`
    /// holds is not read or parsed again. Throws only when the repository cannot be read at all.
    package static func load(from source: some SourceTree, reusing cache: ParseCache = .empty) throws(CasebookError) -> Snapshot {
        let files = try source.files().sorted { $0.path < $1.path }
        guard let settingsFile = files.first(where: { $0.path == "casebook.yaml" }) else { throw .notARepository(path: ".") }
        let settingsFindings = FileFindings(file: "casebook.yaml")
        let settingsBytes = try source.reader().contents(of: settingsFile)
        let settingsID = settingsFile.contentID ?? GitBlobID.of(settingsBytes)
        let settings =
            ParsedFile.node(settingsBytes, findings: settingsFindings).map { SettingsMapper.map($0, findings: settingsFindings) }
            ?? ProjectSettings(key: "", name: "")
        let reusable = cache.settingsID == settingsID ? cache : .empty

        let parsed = files.parallelMap(worker: { LoadWorker(reader: Result { () throws(CasebookError) in try source.reader() }) }) {
            worker, file -> ParseCache.Entry? in
            let kind = worker.kind(of: file.path)
            switch kind {
            case .settings, .skipped:
                return nil
            case .misplaced(let rule, let message):
                let finding = Finding(rule, file: file.path, at: .start, message)
                return ParseCache.Entry(contentID: "", parsed: ParsedFile(content: .nothing, findings: [finding], wasRead: false))
            case .testCase, .group, .sharedSteps, .plan:
                return ParseCache.Entry(
                    reading: file.path, contentID: file.contentID, kind: kind, with: worker.reader, settings: settings, reusing: reusable)
            }
        }

        // The next parse cache keeps the parsed entries as they are, by path.
        let next = ParseCache(settingsID: settingsID, paths: files.map(\.path), entries: parsed)
        var findings = settingsFindings.findings, read = 0
        var assembly = Assembly(settings: settings)
        for case let entry? in parsed {
            findings += entry.parsed.findings
            assembly.add(entry.parsed.content)
            if entry.parsed.wasRead { read += 1 }
        }
        // Without a cache to reuse, every file read was parsed.
        let parsedFiles = reusable.isEmpty ? read : reusable.missing(from: next)
        return assembly.finish(findings: findings, cache: next, parsedFiles: parsedFiles)
    }
}

/// What each worker of a load keeps from one file to the next.
private struct LoadWorker {
    /// The reader is an existential so that the loop over the files is compiled for its types
    /// (inside the generic load it ran unspecialized, copying each file through witnesses).
    let reader: Result<any SourceReader, CasebookError>
    /// The group of the last case file: the next cases of its folder (a worker takes files in
    /// path order) share its string. The checks and indexes that compare 100,000 cases' groups
    /// then find them equal without reading their bytes.
    private var group = ""

    init(reader: Result<any SourceReader, CasebookError>) {
        self.reader = reader
    }

    /// The kind of the file at `path`.
    mutating func kind(of path: String) -> FileKind {
        let kind = FileKind(path: path)
        guard case .testCase(let group) = kind else { return kind }
        if group != self.group { self.group = group }
        return .testCase(group: self.group)
    }
}
