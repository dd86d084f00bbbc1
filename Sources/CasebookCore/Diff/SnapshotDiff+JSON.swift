extension SnapshotDiff {
    /// Counts of every kind of change: the first thing a reviewer reads.
    package struct Summary: Sendable {
        package var cases: [ChangeKind: Int]
        package var groups: [ChangeKind: Int]
        package var sharedSteps: [ChangeKind: Int]
        package var plans: [ChangeKind: Int]
        package var executionsAdded: Int
        package var executionsRemoved: Int
        package var introduced: (errors: Int, warnings: Int)
        package var fixed: (errors: Int, warnings: Int)
    }

    /// How many of each kind of change the diff holds.
    package var summary: Summary {
        func count(_ kinds: [ChangeKind]) -> [ChangeKind: Int] {
            kinds.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        return Summary(
            cases: count(cases.map(\.kind)), groups: count(groups.map(\.kind)), sharedSteps: count(sharedSteps.map(\.kind)),
            plans: count(plans.map(\.kind)), executionsAdded: plans.reduce(0) { $0 + $1.executionsAdded.count },
            executionsRemoved: plans.reduce(0) { $0 + $1.executionsRemoved.count },
            introduced: (introducedFindings.count(.error), introducedFindings.count(.warning)),
            fixed: (fixedFindings.count(.error), fixedFindings.count(.warning)))
    }

    /// The diff's JSON members (what `casebook diff --format json` prints and the API serves,
    /// after the compared revisions), keys in a fixed order.
    package var jsonMembers: [(String, JSONText)] {
        [
            ("summary", summary.json),
            ("cases", .array(cases.map(\.json))),
            ("groups", .array(groups.map(\.json))),
            ("sharedSteps", .array(sharedSteps.map(\.json))),
            ("plans", .array(plans.map(\.json))),
            ("findings", .object([("introduced", .array(introducedFindings.map(\.json))), ("fixed", .array(fixedFindings.map(\.json)))])),
        ]
    }
}

extension SnapshotDiff.Summary {
    var json: JSONText {
        func counts(_ kinds: [ChangeKind: Int], _ order: [ChangeKind]) -> [(String, JSONText)] {
            order.map { ($0.rawValue, .number(kinds[$0] ?? 0)) }
        }
        let all: [ChangeKind] = [.added, .removed, .modified, .moved]
        return .object([
            ("cases", .object(counts(cases, all))),
            ("groups", .object(counts(groups, [.added, .removed, .modified]))),
            ("sharedSteps", .object(counts(sharedSteps, all))),
            (
                "plans",
                .object(counts(plans, all) + [("executionsAdded", .number(executionsAdded)), ("executionsRemoved", .number(executionsRemoved))])
            ),
            (
                "findings",
                .object([
                    ("introduced", .object([("errors", .number(introduced.errors)), ("warnings", .number(introduced.warnings))])),
                    ("fixed", .object([("errors", .number(fixed.errors)), ("warnings", .number(fixed.warnings))])),
                ])
            ),
        ])
    }
}

extension CaseChange {
    var json: JSONText {
        .object([
            ("id", .string(id)),
            ("change", .string(kind.rawValue)),
            ("title", .string(title)),
            ("path", .string(path)),
            ("previousPath", .optional(previousPath)),
            ("group", .string(group)),
            ("previousGroup", .optional(previousGroup)),
            ("fields", .array(fields.map(\.json))),
            ("steps", .array(steps.map(\.json))),
        ])
    }
}

extension GroupChange {
    var json: JSONText {
        .object([("id", .string(id)), ("change", .string(kind.rawValue)), ("fields", .array(fields.map(\.json)))])
    }
}

extension SharedStepChange {
    var json: JSONText {
        .object([
            ("id", .string(id)),
            ("change", .string(kind.rawValue)),
            ("path", .string(path)),
            ("previousPath", .optional(previousPath)),
            ("fields", .array(fields.map(\.json))),
            ("steps", .array(steps.map(\.json))),
            ("affectedCases", .array(affectedCases.map(JSONText.string))),
        ])
    }
}

extension PlanChange {
    var json: JSONText {
        func pairs(_ entries: [ResolvedPlan.Entry]) -> JSONText {
            .array(entries.map { .object([("case", .string($0.caseID)), ("device", .optional($0.device))]) })
        }
        return .object([
            ("id", .string(id)),
            ("change", .string(kind.rawValue)),
            ("title", .string(title)),
            ("path", .string(path)),
            ("previousPath", .optional(previousPath)),
            ("fields", .array(fields.map(\.json))),
            (
                "matrix",
                .object([
                    ("casesAdded", .array(casesAdded.map(JSONText.string))),
                    ("casesRemoved", .array(casesRemoved.map(JSONText.string))),
                    ("executionsAdded", pairs(executionsAdded)),
                    ("executionsRemoved", pairs(executionsRemoved)),
                ])
            ),
        ])
    }
}

extension FieldChange {
    var json: JSONText {
        switch self {
        case .value(let field, let old, let new, let prose):
            var members: [(String, JSONText)] = [("field", .string(field))]
            members += Self.members(old: old, new: new, prose: prose)
            return .object(members)
        case .list(let field, let added, let removed):
            return .object([
                ("field", .string(field)), ("added", .array(added.map(JSONText.string))), ("removed", .array(removed.map(JSONText.string))),
            ])
        }
    }

    /// `old`, `new` and, for prose with both sides set, `words`: the word diff.
    static func members(old: String?, new: String?, prose: Bool) -> [(String, JSONText)] {
        var members: [(String, JSONText)] = [("old", .optional(old)), ("new", .optional(new))]
        if prose, let old, let new {
            let words = WordDiff.segments(from: old, to: new).map {
                JSONText.object([("op", .string($0.operation.rawValue)), ("text", .string($0.text))])
            }
            members.append(("words", .array(words)))
        }
        return members
    }
}

extension StepChange {
    var json: JSONText {
        var members: [(String, JSONText)] = [
            ("change", .string(kind.rawValue)), ("from", from.map(JSONText.number) ?? .null), ("to", to.map(JSONText.number) ?? .null),
        ]
        switch (old, new) {
        case (.action(let oldAction, let oldExpected)?, .action(let newAction, let newExpected)?) where isEdited:
            if oldAction != newAction { members.append(("action", .object(FieldChange.members(old: oldAction, new: newAction, prose: true)))) }
            if oldExpected != newExpected {
                members.append(("expected", .object(FieldChange.members(old: oldExpected, new: newExpected, prose: true))))
            }
        case (.use(let oldBlock)?, .use(let newBlock)?) where isEdited:
            members.append(("use", .object(FieldChange.members(old: oldBlock, new: newBlock, prose: false))))
        default:
            switch new ?? old {
            case .action(let action, let expected)?: members += [("action", .string(action)), ("expected", .string(expected))]
            case .use(let block)?: members.append(("use", .string(block)))
            case nil: break
            }
        }
        return .object(members)
    }
}
