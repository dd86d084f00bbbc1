extension Snapshot {
    /// `testCase` as a person reads it: the header, its metadata, preconditions, and numbered
    /// steps with shared steps expanded and marked with their block.
    package func text(of testCase: TestCase) -> String {
        var out = "\(testCase.id)  \(testCase.title)\n"
        var automation = testCase.automation.status.rawValue
        if let ref = testCase.automation.ref { automation += " (\(ref))" }
        out +=
            "\(testCase.path) · group \(testCase.group.isEmpty ? "(top)" : testCase.group) · \(testCase.priority) · \(testCase.type) · \(automation)\n"
        var facts: [String] = []
        if !testCase.tags.isEmpty { facts.append("Tags: " + testCase.tags.joined(separator: ", ")) }
        if let owner = testCase.owner { facts.append("Owner: " + owner) }
        if let estimate = testCase.estimate { facts.append("Estimate: " + DurationText.format(estimate)) }
        if !testCase.requirements.isEmpty { facts.append("Requirements: " + testCase.requirements.joined(separator: ", ")) }
        if !facts.isEmpty { out += facts.joined(separator: "   ") + "\n" }
        for link in testCase.links { out += "Link: \(link)\n" }
        let fields = settings.fields.compactMap { field in testCase.fields[field.name].map { "\(field.name): \($0.text)" } }
        if !fields.isEmpty { out += "Fields: " + fields.joined(separator: ", ") + "\n" }
        if let preconditions = testCase.preconditions {
            out += "\nPreconditions:\n" + Self.indented(preconditions, by: "  ")
        }
        out += "\nSteps:\n"
        for (index, step) in expandedSteps(testCase.steps).enumerated() {
            let number = "\(index + 1).".padding(toLength: 4, withPad: " ", startingAt: 0)
            let from = step.block.map { " [\($0)]" } ?? ""
            switch step.kind {
            case .action(let action, let expected):
                out += "  \(number)\(action.isEmpty ? "(no action)" : action)\(from)\n"
                if !expected.isEmpty { out += "      → \(expected)\n" }
            case .use(let block):
                out += "  \(number)use \(block) (no such shared-step block)\(from)\n"
            }
        }
        return out
    }

    private static func indented(_ text: String, by pad: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
            + (text.hasSuffix("\n") ? "" : "\n")
    }
}
