import CasebookCore

/// How cases appear in responses: a summary in lists, the whole case on its own.
enum CaseJSON {
    static func summary(_ testCase: TestCase) -> JSONText {
        .object(summaryMembers(testCase))
    }

    /// The whole case, with the steps of shared-step blocks expanded in place and marked.
    static func detail(_ testCase: TestCase, in snapshot: Snapshot) -> JSONText {
        var members = summaryMembers(testCase)
        members += [
            ("preconditions", .optional(testCase.preconditions)),
            ("steps", .array(expandedSteps(testCase.steps, in: snapshot))),
            ("links", .array(testCase.links.map(JSONText.string))),
            ("fields", .object(snapshot.settings.fields.compactMap { field in testCase.fields[field.name].map { (field.name, value($0)) } })),
            ("blobId", .string(testCase.contentID)),
        ]
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
    private static func expandedSteps(_ steps: [Step], in snapshot: Snapshot) -> [JSONText] {
        var out: [JSONText] = []
        func expand(_ steps: [Step], block: String?, depth: Int) {
            for step in steps {
                switch step.kind {
                case .action(let action, let expected):
                    var members: [(String, JSONText)] = [("number", .number(out.count + 1)), ("action", .string(action)), ("expected", .string(expected))]
                    if let block { members.append(("sharedStep", .string(block))) }
                    out.append(.object(members))
                case .use(let id):
                    // Unknown blocks and cycles are validation findings; the case shows what it can.
                    if let used = snapshot.sharedSteps[id], depth < 16 {
                        expand(used.steps, block: id, depth: depth + 1)
                    } else {
                        out.append(.object([("number", .number(out.count + 1)), ("use", .string(id)), ("unresolved", .bool(true))]))
                    }
                }
            }
        }
        expand(steps, block: nil, depth: 0)
        return out
    }

    static func value(_ value: FieldValue) -> JSONText {
        switch value {
        case .text(let text): .string(text)
        case .integer(let number): .number(number)
        case .boolean(let flag): .bool(flag)
        case .duration(let seconds): .number(seconds)
        case .list(let items): .array(items.map(JSONText.string))
        }
    }
}

extension JSONText {
    /// The string, or `null`.
    static func optional(_ text: String?) -> JSONText {
        text.map(JSONText.string) ?? .null
    }
}
