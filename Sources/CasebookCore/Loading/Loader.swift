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
        let settings = ParsedFile.node(settingsBytes, findings: settingsFindings).map { SettingsMapper.map($0, findings: settingsFindings) }
            ?? ProjectSettings(key: "", name: "")
        let reusable = cache.settingsID == settingsID ? cache : .empty

        // The reader is an existential so that the loop over the files is compiled for its types
        // (inside this generic function it ran unspecialized, copying each file through witnesses).
        let parsed = files.parallelMap(worker: { Result { () throws(CasebookError) -> any SourceReader in try source.reader() } }) { reader, file -> ParseCache.Entry? in
            let kind = FileKind(path: file.path)
            switch kind {
            case .settings, .skipped:
                return nil
            case .misplaced(let rule, let message):
                let finding = Finding(rule, file: file.path, at: .start, message)
                return ParseCache.Entry(contentID: "", parsed: ParsedFile(content: .nothing, findings: [finding], wasRead: false))
            case .testCase, .group, .sharedSteps, .plan:
                return ParseCache.Entry(reading: file.path, contentID: file.contentID, kind: kind, with: reader, settings: settings, reusing: reusable)
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
