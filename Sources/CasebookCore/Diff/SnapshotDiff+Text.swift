extension SnapshotDiff {
    /// The diff for a terminal: one line per item (`+` added, `-` removed, `~` modified, `>` moved),
    /// its changes indented below, word changes marked `[-old-]{+new+}` as `git diff --word-diff` does.
    package func renderText() -> String {
        var out = ""
        let summary = self.summary
        out += "Cases: \(SnapshotDiff.counts(summary.cases))\n"
        for change in cases {
            out += "  \(change.kind.sign) \(change.id) \(change.title) (\(change.path))\n" + change.detailText(indent: 6)
        }
        if !groups.isEmpty {
            out += "Groups: \(SnapshotDiff.counts(summary.groups))\n"
            for change in groups {
                out += "  \(change.kind.sign) \(change.id)\n" + Self.detailLines(fields: change.fields)
            }
        }
        if !sharedSteps.isEmpty {
            out += "Shared steps: \(SnapshotDiff.counts(summary.sharedSteps))\n"
            for change in sharedSteps {
                out += "  \(change.kind.sign) \(change.id) (\(change.path))\n"
                out += Self.detailLines(previousPath: change.previousPath, fields: change.fields, steps: change.steps)
                if !change.affectedCases.isEmpty { out += "      changes the steps of \(change.affectedCases.joined(separator: ", "))\n" }
            }
        }
        if !plans.isEmpty {
            out += "Plans: \(SnapshotDiff.counts(summary.plans))\n"
            for change in plans {
                out += "  \(change.kind.sign) \(change.id) \(change.title): \(change.matrixSummary)\n"
                out += Self.detailLines(previousPath: change.previousPath, fields: change.fields)
            }
        }
        out += "Findings: \(introducedFindings.count) introduced, \(fixedFindings.count) fixed\n"
        for finding in introducedFindings { out += "  + \(finding.line)\n" }
        for finding in fixedFindings { out += "  - \(finding.line)\n" }
        return out
    }

    /// A move, then field and step changes, one per line, indented by `indent` spaces.
    static func detailLines(previousPath: String? = nil, fields: [FieldChange], steps: [StepChange] = [], indent: Int = 6) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        if let previousPath { out += pad + "moved from \(previousPath)\n" }
        for field in fields { out += pad + "\(field.field): \(field.inlineText)\n" }
        for step in steps { out += pad + step.headline + (step.detail.map { ": " + $0 } ?? "") + "\n" }
        return out
    }

    /// `2 added, 1 modified` (kinds with a count only), or `none`.
    static func counts(_ kinds: [ChangeKind: Int]) -> String {
        let parts = ChangeKind.reportOrder.compactMap { kind in kinds[kind].map { "\($0) \(kind.rawValue)" } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}

extension CaseChange {
    /// The field and step changes, one per line, indented by `indent` spaces.
    package func detailText(indent: Int) -> String {
        SnapshotDiff.detailLines(previousPath: previousPath, fields: fields, steps: steps, indent: indent)
    }
}

extension ChangeKind {
    package static let reportOrder: [ChangeKind] = [.added, .removed, .modified, .moved]

    /// The mark before an item in text output.
    var sign: String {
        switch self {
        case .added: "+"
        case .removed: "-"
        case .modified: "~"
        case .moved: ">"
        }
    }
}

extension PlanChange {
    /// `+3 cases, -1 case, +12 executions` or `matrix unchanged`.
    var matrixSummary: String {
        func counted(_ count: Int, _ sign: String, _ noun: String) -> String? {
            count == 0 ? nil : "\(sign)\(count) \(noun)\(count == 1 ? "" : "s")"
        }
        let parts = [
            counted(casesAdded.count, "+", "case"), counted(casesRemoved.count, "-", "case"),
            counted(executionsAdded.count, "+", "execution"), counted(executionsRemoved.count, "-", "execution"),
        ].compactMap { $0 }
        return parts.isEmpty ? "matrix unchanged" : parts.joined(separator: ", ")
    }
}

extension FieldChange {
    /// The change on one line: `high → critical`, `+smoke -web`, or a word diff for prose.
    var inlineText: String {
        switch self {
        case .value(_, let old, let new, let prose):
            if prose, let old, let new { return WordDiff.marked(from: old, to: new) }
            return "\(old.map(Self.quoted) ?? "(none)") → \(new.map(Self.quoted) ?? "(none)")"
        case .list(_, let added, let removed):
            return (added.map { "+" + $0 } + removed.map { "-" + $0 }).joined(separator: " ")
        }
    }

    private static func quoted(_ text: String) -> String {
        text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"" : text
    }
}

extension StepChange {
    /// `step 2 changed`, `step 3 added`, `step 1 moved to 3`, `step 4 removed`.
    package var headline: String {
        switch kind {
        case .added: "step \(to ?? 0) added"
        case .removed: "step \(from ?? 0) removed"
        case .moved: "step \(from ?? 0) moved to \(to ?? 0)\(isEdited ? " and changed" : "")"
        case .changed: from == to ? "step \(to ?? 0) changed" : "step \(from ?? 0) changed (now \(to ?? 0))"
        }
    }

    /// What the step says, or for a changed step what changed in it, with word changes marked.
    var detail: String? {
        switch (old, new) {
        case (.action(let oldAction, let oldExpected)?, .action(let newAction, let newExpected)?) where isEdited:
            var parts: [String] = []
            if oldAction != newAction { parts.append("action: " + WordDiff.marked(from: oldAction, to: newAction)) }
            if oldExpected != newExpected { parts.append("expected: " + WordDiff.marked(from: oldExpected, to: newExpected)) }
            return parts.joined(separator: "; ")
        case (.use(let oldBlock)?, .use(let newBlock)?) where isEdited:
            return "use: \(oldBlock) → \(newBlock)"
        default:
            switch new ?? old {
            case .action(let action, let expected)?: return "action: \(action); expected: \(expected)"
            case .use(let block)?: return "use: \(block)"
            case nil: return nil
            }
        }
    }
}

extension WordDiff {
    /// `old` → `new` as one text with deletions as `[-…-]` and insertions as `{+…+}`.
    package static func marked(from old: String, to new: String) -> String {
        segments(from: old, to: new).map { segment in
            switch segment.operation {
            case .equal: segment.text
            case .delete: "[-" + segment.text + "-]"
            case .insert: "{+" + segment.text + "+}"
            }
        }.joined()
    }
}

extension Finding {
    /// `file:line:column: severity: message [rule]`.
    var line: String {
        "\(file):\(mark.line):\(mark.column): \(severity.rawValue): \(message) [\(rule.rawValue)]"
    }
}
