import CasebookYAML

extension TestCase {
    /// The `id` a case file's bytes declare, or `nil` when the file does not parse or has none:
    /// how a case is recognised across moves.
    package static func id(inFile bytes: [UInt8]) -> String? {
        guard bytes.count <= ParsedFile.maximumSize, let root = try? YAMLParser.parse(bytes), let entries = root.mapping else { return nil }
        return entries.first { $0.key.scalar?.value == "id" }?.value.scalar?.value
    }
}

extension TestCase {
    /// The case a case file's bytes hold (as the loader maps it, findings left out), or `nil`
    /// when the file does not parse or is not under `cases/`: how one version of a case is read
    /// from history without loading the whole repository.
    package static func parse(_ bytes: [UInt8], path: String, settings: ProjectSettings) -> TestCase? {
        guard case .testCase = FileKind(path: path),
            case .testCase(let testCase) = ParsedFile.parse(
                bytes, path: path, kind: FileKind(path: path), contentID: GitBlobID.of(bytes), settings: settings
            ).content
        else { return nil }
        return testCase
    }
}
