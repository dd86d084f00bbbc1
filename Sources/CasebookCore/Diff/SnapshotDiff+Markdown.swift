extension SnapshotDiff {
    /// How the markdown is rendered for a pull-request comment.
    package struct MarkdownOptions: Sendable {
        /// Put before a file's path (relative to the case repository root) to link it, like
        /// `https://github.com/acme/shop/blob/<sha>/cases/`; `nil`: paths are not links.
        package var linkBase: String?
        /// The most characters the comment may have (GitHub allows 65,536). Details that do not
        /// fit are left out whole, and a last line says how many.
        package var maximumLength: Int
        /// What the diff compares, for the heading, like `main…feature/refunds`.
        package var title: String

        package init(linkBase: String? = nil, maximumLength: Int = 60_000, title: String = "") {
            self.linkBase = linkBase
            self.maximumLength = maximumLength
            self.title = title
        }
    }

    /// Markdown for a pull-request comment: a headline and a summary table first, then each
    /// plan's matrix change, the findings introduced and fixed, and a collapsible section per
    /// case, block and group. Sections (each finding is one) are added whole while they fit
    /// `maximumLength`.
    package func renderMarkdown(_ options: MarkdownOptions = MarkdownOptions()) -> String {
        let writer = MarkdownWriter(linkBase: options.linkBase)
        let summary = self.summary
        var head = "### Casebook\(options.title.isEmpty ? "" : ": " + options.title)\n\n"
        let line = headline(summary)
        head += (isEmpty ? line : "**\(line)**") + "\n\n"
        if isEmpty { return head }
        head += "| | Added | Removed | Modified | Moved |\n|---|---:|---:|---:|---:|\n"
        for (name, counts) in [("Cases", summary.cases), ("Groups", summary.groups), ("Shared steps", summary.sharedSteps), ("Plans", summary.plans)]
        where !counts.isEmpty {
            head += "| \(name) | " + ChangeKind.reportOrder.map { String(counts[$0] ?? 0) }.joined(separator: " | ") + " |\n"
        }

        var sections: [(String, String)] = []  // (what it is, for the omission note; the text)
        if !plans.isEmpty {
            var table = "\n| Plan | Change | Cases | Executions |\n|---|---|---:|---:|\n"
            for plan in plans {
                table +=
                    "| \(writer.link(MarkdownWriter.escaped(plan.id), to: plan.path)) \(MarkdownWriter.escaped(plan.title)) | \(plan.kind.rawValue) | "
                table += "+\(plan.casesAdded.count) −\(plan.casesRemoved.count) | +\(plan.executionsAdded.count) −\(plan.executionsRemoved.count) |\n"
            }
            sections.append(("the plan table", table))
        }
        // One finding at a time, so a long list shows its first findings; the heading comes with the first.
        let findingLines =
            introducedFindings.map { "- 🆕 \(writer.findingLine($0))\n" } + fixedFindings.map { "- ✅ fixed: \(writer.findingLine($0))\n" }
        for (index, line) in findingLines.enumerated() {
            sections.append(("finding", (index == 0 ? "\n**Findings**\n\n" : "") + line))
        }
        for change in cases { sections.append(("case", writer.section(change))) }
        for change in sharedSteps { sections.append(("shared-step block", writer.section(change))) }
        for change in plans where !change.fields.isEmpty { sections.append(("plan", writer.section(change))) }
        for kind in [ChangeKind.added, .removed] {
            let ids = groups.filter { $0.kind == kind }.map { "`\(MarkdownWriter.escapedCode($0.id))`" }
            if !ids.isEmpty { sections.append(("the \(kind.rawValue) groups", "\n**Groups \(kind.rawValue):** \(ids.joined(separator: ", "))\n")) }
        }
        for change in groups where change.kind == .modified { sections.append(("group", writer.section(change))) }

        var out = head
        var omitted: [String: Int] = [:]
        var order: [String] = []
        let reserve = 200  // room for the omission note
        for (what, text) in sections {
            if omitted.isEmpty, out.utf16.count + text.utf16.count + reserve <= options.maximumLength {
                out += text
            } else {
                if omitted[what] == nil { order.append(what) }
                omitted[what, default: 0] += 1
            }
        }
        if !omitted.isEmpty {
            let parts = order.map { what in
                let count = omitted[what] ?? 0
                return what.hasPrefix("the ") ? what : "\(count) \(what)\(count == 1 ? "" : "s")"
            }
            out += "\n_Not shown, to keep this comment short: \(parts.joined(separator: ", ")). Run `casebook diff` for everything._\n"
        }
        return out
    }

    /// One sentence: `3 cases added, 1 modified · PLAN-R24 gains 12 executions · 1 new error`.
    package func headline(_ summary: Summary) -> String {
        if isEmpty { return "No changes to cases, groups, shared steps or plans." }
        var parts: [String] = []
        if !summary.cases.isEmpty { parts.append(Self.counted(summary.cases, noun: "case")) }
        if !summary.sharedSteps.isEmpty { parts.append(Self.counted(summary.sharedSteps, noun: "shared-step block")) }
        if !summary.plans.isEmpty {
            parts.append("plans: +\(summary.executionsAdded) −\(summary.executionsRemoved) executions")
        }
        if summary.introduced.errors + summary.introduced.warnings > 0 {
            parts.append(
                "\(summary.introduced.errors) new error\(summary.introduced.errors == 1 ? "" : "s"), \(summary.introduced.warnings) new warning\(summary.introduced.warnings == 1 ? "" : "s")"
            )
        }
        if !fixedFindings.isEmpty { parts.append("\(fixedFindings.count) finding\(fixedFindings.count == 1 ? "" : "s") fixed") }
        return parts.joined(separator: " · ")
    }

    /// `1 case moved` or `3 cases (2 added, 1 modified)`.
    private static func counted(_ kinds: [ChangeKind: Int], noun: String) -> String {
        let total = kinds.values.reduce(0, +)
        let nouns = "\(total) \(noun)\(total == 1 ? "" : "s")"
        if kinds.count == 1, let kind = kinds.keys.first { return "\(nouns) \(kind.rawValue)" }
        return nouns + " (" + ChangeKind.reportOrder.compactMap { kind in kinds[kind].map { "\($0) \(kind.rawValue)" } }.joined(separator: ", ") + ")"
    }
}

/// Markdown pieces: escaped text, links to files, collapsible sections with field tables.
private struct MarkdownWriter {
    var linkBase: String?

    /// `text` with the characters markdown and tables would read as markup escaped, on one line.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#": out += "\\" + String(character)
            case "\n": out += "<br>"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// `path` as code, linked when there is a link base.
    func link(_ text: String, to path: String, line: Int? = nil) -> String {
        guard let linkBase else { return text }
        let anchor = line.map { "#L\($0)" } ?? ""
        return "[\(text)](\(linkBase)\(path.split(separator: "/").map { PercentEncoding.encode(String($0)) }.joined(separator: "/"))\(anchor))"
    }

    func findingLine(_ finding: Finding) -> String {
        "\(link("`\(finding.file):\(finding.mark.line)`", to: finding.file, line: finding.mark.line)) \(finding.severity.rawValue): \(Self.escaped(finding.message)) (`\(finding.rule.rawValue)`)"
    }

    func section(_ change: CaseChange) -> String {
        let summary = "<b>\(Self.escaped(change.id))</b> \(Self.escaped(change.title)) — \(change.kind.rawValue)"
        var body = ""
        if let previousPath = change.previousPath {
            body += "Moved from `\(previousPath)` to \(link("`\(change.path)`", to: change.path))"
            body += change.previousGroup.map { " (group `\($0)` → `\(change.group)`)" } ?? ""
            body += ".\n\n"
        } else if change.kind == .removed {
            body += "The file `\(change.path)` was deleted; the case's results and comments stay in the database under its id.\n\n"
        } else {
            body += "File: \(link("`\(change.path)`", to: change.path))\n\n"
        }
        body += fieldTable(change.fields) + stepList(change.steps)
        return Self.details(summary, body)
    }

    func section(_ change: SharedStepChange) -> String {
        var body = "File: \(link("`\(change.path)`", to: change.path))\n\n"
        if let previousPath = change.previousPath { body += "Moved from `\(previousPath)`.\n\n" }
        body += fieldTable(change.fields) + stepList(change.steps)
        if !change.affectedCases.isEmpty {
            body += "Changes the steps of \(change.affectedCases.count) case\(change.affectedCases.count == 1 ? "" : "s"): "
            body += change.affectedCases.map(Self.escaped).joined(separator: ", ") + "\n"
        }
        return Self.details("Shared steps <b>\(Self.escaped(change.id))</b> — \(change.kind.rawValue)", body)
    }

    func section(_ change: PlanChange) -> String {
        Self.details("Plan <b>\(Self.escaped(change.id))</b> \(Self.escaped(change.title)) — \(change.kind.rawValue)", fieldTable(change.fields))
    }

    func section(_ change: GroupChange) -> String {
        Self.details("Group <b>\(Self.escaped(change.id))</b> — \(change.kind.rawValue)", fieldTable(change.fields))
    }

    private func fieldTable(_ fields: [FieldChange]) -> String {
        guard !fields.isEmpty else { return "" }
        var table = "| Field | Change |\n|---|---|\n"
        for field in fields { table += "| \(field.field) | \(Self.markdown(field)) |\n" }
        return table + "\n"
    }

    private func stepList(_ steps: [StepChange]) -> String {
        guard !steps.isEmpty else { return "" }
        var list = ""
        for step in steps {
            list += "- **\(step.headline.prefix(1).uppercased() + step.headline.dropFirst())**"
            switch (step.old, step.new) {
            case (.action(let oldAction, let oldExpected)?, .action(let newAction, let newExpected)?) where step.isEdited:
                if oldAction != newAction { list += "<br>Action: " + Self.words(from: oldAction, to: newAction) }
                if oldExpected != newExpected { list += "<br>Expected: " + Self.words(from: oldExpected, to: newExpected) }
            case (.use(let oldBlock)?, .use(let newBlock)?) where step.isEdited:
                list += "<br>Uses ~~\(Self.escaped(oldBlock))~~ **\(Self.escaped(newBlock))**"
            default:
                switch step.new ?? step.old {
                case .action(let action, let expected)?: list += "<br>Action: \(Self.escaped(action))<br>Expected: \(Self.escaped(expected))"
                case .use(let block)?: list += "<br>Uses \(Self.escaped(block))"
                case nil: break
                }
            }
            list += "\n"
        }
        return list + "\n"
    }

    private static func details(_ summary: String, _ body: String) -> String {
        "\n<details><summary>\(summary)</summary>\n\n\(body)</details>\n"
    }

    private static func markdown(_ field: FieldChange) -> String {
        switch field {
        case .value(_, let old, let new, let prose):
            if prose, let old, let new { return words(from: old, to: new) }
            return "\(old.map { "`\(escapedCode($0))`" } ?? "_none_") → \(new.map { "`\(escapedCode($0))`" } ?? "_none_")"
        case .list(_, let added, let removed):
            return (added.map { "➕ `\(escapedCode($0))`" } + removed.map { "➖ `\(escapedCode($0))`" }).joined(separator: " ")
        }
    }

    /// A word diff: deletions struck through, insertions in bold.
    private static func words(from old: String, to new: String) -> String {
        WordDiff.segments(from: old, to: new).map { segment in
            let text = escaped(segment.text)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, segment.operation != .equal else { return text }
            // Markers must touch the words they wrap, so white space at the edges stays outside.
            let leading = String(text.prefix { $0 == " " }), trailing = String(text.reversed().prefix { $0 == " " })
            return leading + (segment.operation == .delete ? "~~\(trimmed)~~" : "**\(trimmed)**") + trailing
        }.joined()
    }

    static func escapedCode(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
