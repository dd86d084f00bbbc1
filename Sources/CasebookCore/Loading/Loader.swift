extension Snapshot {
    /// Reads, validates and indexes every file of `source`. Files are classified, read and parsed
    /// in parallel; problems in files become findings. Throws only when the repository cannot be
    /// read at all.
    package static func load(from source: some SourceTree) throws(CasebookError) -> Snapshot {
        let files = try source.files().sorted { $0.path < $1.path }
        guard files.contains(where: { $0.path == "casebook.yaml" }) else { throw .notARepository(path: ".") }
        let settingsFindings = FileFindings(file: "casebook.yaml")
        let settingsBytes = try source.contents(of: "casebook.yaml")
        let settings = ParsedFile.node(settingsBytes, findings: settingsFindings).map { SettingsMapper.map($0, findings: settingsFindings) }
            ?? ProjectSettings(key: "", name: "")

        let parsed = files.parallelMap { file -> ParsedFile? in
            let kind = FileKind(path: file.path)
            switch kind {
            case .settings, .skipped:
                return nil
            case .misplaced(let rule, let message):
                return ParsedFile(content: .nothing, findings: [Finding(rule, file: file.path, at: .start, message)], wasRead: false)
            case .testCase, .group, .sharedSteps, .plan:
                do throws(CasebookError) {
                    let bytes = try source.contents(of: file.path)
                    return ParsedFile.parse(bytes, path: file.path, kind: kind, contentID: file.contentID ?? GitBlobID.of(bytes), settings: settings)
                } catch {
                    return ParsedFile(content: .nothing, findings: [Finding(.fileUnreadable, file: file.path, at: .start, error.description)])
                }
            }
        }

        var findings = settingsFindings.findings
        var assembly = Assembly(settings: settings)
        var read = ["casebook.yaml"]
        for (file, result) in zip(files, parsed) {
            guard let result else { continue }
            findings += result.findings
            assembly.add(result.content)
            if result.wasRead { read.append(file.path) }
        }
        return assembly.finish(findings: findings, files: read)
    }
}
