import CasebookYAML

extension TestCase {
    /// The `id` a case file's bytes declare, or `nil` when the file does not parse or has none:
    /// how a case is recognised across moves.
    package static func id(inFile bytes: [UInt8]) -> String? {
        guard bytes.count <= ParsedFile.maximumSize, let root = try? YAMLParser.parse(bytes), let entries = root.mapping else { return nil }
        return entries.first { $0.key.scalar?.value == "id" }?.value.scalar?.value
    }
}
