import CasebookCore

/// How cases appear in responses: a summary in lists, the whole case on its own.
enum CaseJSON {
    static func summary(_ testCase: TestCase) -> JSONText {
        .object(summaryMembers(testCase))
    }

    /// The whole case, with the steps of shared-step blocks expanded in place and marked.
    static func detail(_ testCase: TestCase, in served: ServedSnapshot) -> JSONText {
        // Appended one by one: `+=` of an array literal made and copied a second array.
        var members = summaryMembers(testCase)
        members.reserveCapacity(members.count + 6)
        members.append(("preconditions", .optional(testCase.preconditions)))
        members.append(("steps", .array(expandedSteps(testCase.steps, in: served))))
        members.append(("links", .array(testCase.links.map(JSONText.string))))
        members.append(
            ("fields", .object(served.snapshot.settings.fields.compactMap { field in testCase.fields[field.name].map { (field.name, $0.json) } })))
        members.append(("blobId", .string(testCase.contentID)))
        members.append(("version", .string(served.snapshot.version(of: testCase))))
        return .object(members)
    }

    private static func summaryMembers(_ testCase: TestCase) -> [(String, JSONText)] {
        [
            ("id", .string(testCase.id)),
            ("title", .string(testCase.title)),
            ("priority", .string(testCase.priority)),
            ("type", .string(testCase.type)),
            ("automation", .object([("status", .string(testCase.automation.status.rawValue)), ("ref", .optional(testCase.automation.ref))])),
            ("tags", .array(testCase.tags.map(JSONText.string))),
            ("owner", .optional(testCase.owner)),
            ("estimate", testCase.estimate.map(JSONText.number) ?? .null),
            ("requirements", .array(testCase.requirements.map(JSONText.string))),
            ("group", .string(testCase.group)),
            ("path", .string(testCase.path)),
        ]
    }

    /// Numbered steps; a step that came from a shared-step block names it in `sharedStep`.
    private static func expandedSteps(_ steps: [Step], in served: ServedSnapshot) -> [JSONText] {
        served.snapshot.expandedSteps(steps).enumerated().map { index, step in
            let number: (String, JSONText) = ("number", .number(index + 1))
            var members: [(String, JSONText)]
            switch step.kind {
            case .action(let action, let expected): members = [number, ("action", .string(action)), ("expected", .string(expected))]
            case .use(let id): members = [number, ("use", .string(id)), ("unresolved", .bool(true))]
            }
            if let block = step.block { members.append(("sharedStep", .string(block))) }
            return .object(members)
        }
    }
}
