import CasebookYAML

/// Maps a file of `shared-steps/` to a ``SharedStepBlock``.
enum SharedStepsMapper {
    static func map(_ root: Node, path: String, findings: FileFindings) -> SharedStepBlock? {
        guard
            let reader = MappingReader(
                root, what: "shared-step block", keys: Vocabulary.sharedSteps, required: ["id", "title", "steps"], findings: findings)
        else { return nil }
        let id = WordID.read(reader, what: "shared-step block", example: "LOGIN-STEPS", findings: findings)
        let title = reader.text("title")
        let steps = StepsMapper.map(reader, findings: findings)
        guard let id, let title, !steps.isEmpty else { return nil }
        return SharedStepBlock(id: id.value, title: title, steps: steps, path: path, idMark: id.mark)
    }
}

/// Reads the `id` of a plan or shared-step block: a free word.
enum WordID {
    static func read(_ reader: MappingReader, what: String, example: String, findings: FileFindings) -> Located<String>? {
        guard let id = reader.located("id") else { return nil }
        guard Vocabulary.isWord(id.value) else {
            findings.report(.idFormat, at: id.mark, "\(what) id '\(id.value)' must be letters, digits, '.', '_' or '-', like \(example)")
            return nil
        }
        return id
    }
}
