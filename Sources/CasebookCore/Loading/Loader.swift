extension Snapshot {
    /// Reads, validates and indexes every file of `source`. Files are parsed in parallel; problems
    /// in files become findings. Throws only when the repository cannot be read at all.
    package static func load(from source: some SourceTree) throws(CasebookError) -> Snapshot {
        let files = try source.files()
        guard files.contains(where: { $0.path == "casebook.yaml" }) else { throw .notARepository(path: ".") }
        let settingsFindings = FileFindings(file: "casebook.yaml")
        let settingsBytes = try source.contents(of: "casebook.yaml")
        let settings = ParsedFile.node(settingsBytes, findings: settingsFindings).map { SettingsMapper.map($0, findings: settingsFindings) }
            ?? ProjectSettings(key: "", name: "")

        var findings = settingsFindings.findings
        var toParse: [(SourceFile, FileKind)] = []
        for file in files where file.path != "casebook.yaml" {
            switch FileKind(path: file.path) {
            case .ignored(let rule?, let message): findings.append(Finding(rule, file: file.path, at: .start, message))
            case .ignored(nil, _), .settings: continue
            case let kind: toParse.append((file, kind))
            }
        }
        let parsed = toParse.parallelMap { file, kind -> ParsedFile in
            do throws(CasebookError) {
                let bytes = try source.contents(of: file.path)
                return ParsedFile.parse(bytes, path: file.path, kind: kind, contentID: file.contentID ?? GitBlobID.of(bytes), settings: settings)
            } catch {
                return ParsedFile(content: .nothing, findings: [Finding(.fileUnreadable, file: file.path, at: .start, error.description)])
            }
        }

        var assembly = Assembly(settings: settings)
        for file in parsed {
            findings += file.findings
            assembly.add(file.content)
        }
        return assembly.finish(findings: findings, files: ["casebook.yaml"] + toParse.map(\.0.path))
    }
}
