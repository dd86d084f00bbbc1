import CasebookYAML

/// Maps the `steps` list of a case or shared-step block.
enum StepsMapper {
    /// The steps of `reader`'s `steps` key, reporting an empty list as `case.steps`.
    static func map(_ reader: MappingReader, findings: FileFindings) -> [Step] {
        guard let node = reader["steps"] else { return [] }
        guard let steps = reader.list("steps", { step($0, findings: findings) }) else { return [] }
        if node.sequence?.isEmpty == true {
            findings.report(.caseSteps, at: node.mark, "'steps' is empty; add at least one step with action and expected")
        }
        return steps
    }

    private static func step(_ node: Node, findings: FileFindings) -> Step? {
        let reported = findings.findings.count
        guard let step = MappingReader(node, what: "step", keys: Vocabulary.step, findings: findings) else { return nil }
        let action = step.text("action"), expected = step.text("expected")
        if let block = step.located("use") {
            if action != nil || expected != nil {
                findings.report(
                    .stepShape, at: node.mark, "a step either uses a shared block or has action/expected, not both; split it in two steps")
            }
            return Step(.use(block: block.value), at: block.mark)
        }
        if (action ?? "").isEmpty && (expected ?? "").isEmpty {
            // One finding per broken step: only when reading it reported nothing yet.
            if findings.findings.count == reported {
                findings.report(.stepEmpty, at: node.mark, "the step has neither an action nor an expected result; fill one in or remove the step")
            }
            return nil
        }
        return Step(.action(action: action ?? "", expected: expected ?? ""), at: node.mark)
    }
}
