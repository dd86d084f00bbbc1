extension Snapshot {
    /// The version of what a tester executes of `testCase`, as 40 hexadecimal digits: a digest of
    /// its title, preconditions, custom fields and steps with shared-step blocks expanded. A result
    /// is outdated when this changes: a shared-step edit that changes the steps does, while a YAML
    /// comment, re-indentation, or a new tag, priority or owner does not.
    package func version(of testCase: TestCase) -> String {
        let steps: [JSONText] = expandedSteps(testCase.steps).map { step in
            switch step.kind {
            case .action(let action, let expected): .array([.string(action), .string(expected)])
            case .use(let block): .object([("use", .string(block))])
            }
        }
        let fields: [(String, JSONText)] = testCase.fields.keys.sorted().map { name in (name, testCase.fields[name]?.json ?? .null) }
        let meaning = JSONText.object([
            ("title", .string(testCase.title)), ("preconditions", .optional(testCase.preconditions)), ("fields", .object(fields)),
            ("steps", .array(steps)),
        ])
        return GitBlobID.of(meaning.utf8)
    }
}
