import CasebookYAML

/// Maps a case file to a ``TestCase``, checking it against the project settings.
enum CaseMapper {
    static func map(_ root: Node, path: String, group: String, contentID: String, settings: ProjectSettings, findings: FileFindings)
        -> TestCase?
    {
        guard let reader = MappingReader(root, what: "case", keys: Vocabulary.testCase, required: ["id", "title", "steps"], findings: findings)
        else { return nil }
        let id = reader.located("id")
        if let id, !Vocabulary.isCaseID(id.value) {
            findings.report(
                .idFormat, at: id.mark,
                "case id '\(id.value)' must be a project key, a dash and a number, like \(settings.key.isEmpty ? "SHOP" : settings.key)-101")
        }
        let title = reader.text("title")
        if title?.isEmpty == true, let node = reader["title"] {
            findings.report(.schemaType, at: node.mark, "'title' is empty; say what the case checks")
        }
        let priority = choice(reader, "priority", among: settings.priorities, rule: .casePriority, findings: findings)
        let type = choice(reader, "type", among: settings.types, rule: .caseType, findings: findings)
        let steps = StepsMapper.map(reader, findings: findings)
        let links = reader.textList("links")
        for link in links where !ScalarTypes.isURL(link.value) {
            findings.report(.valueURL, at: link.mark, "link '\(link.value)' is not an absolute URL; write it like https://tracker.example/SHOP-9")
        }
        var estimate: Int?
        if let text = reader.located("estimate") {
            estimate = ScalarTypes.duration(text.value)
            if estimate == nil {
                findings.report(.valueDuration, at: text.mark, "estimate '\(text.value)' is not a duration; write it like 90s, 5m or 1h30m")
            }
        }
        let automation = automation(reader, findings: findings)
        let fields = CustomFieldsMapper.map(reader, settings: settings, findings: findings)
        guard let id, let title, !steps.isEmpty else { return nil }
        return TestCase(
            id: id.value, title: title, priority: priority ?? "medium", type: type ?? "functional", automation: automation,
            tags: reader.textList("tags").map(\.value), owner: reader.text("owner"), estimate: estimate,
            preconditions: reader.text("preconditions"), steps: steps, requirements: reader.textList("requirements").map(\.value),
            links: links.map(\.value), fields: fields, path: path, group: group, contentID: contentID, idMark: id.mark)
    }

    /// A value that must be one of the project's `allowed` words.
    private static func choice(_ reader: MappingReader, _ key: String, among allowed: [String], rule: Rule, findings: FileFindings) -> String? {
        guard let value = reader.located(key) else { return nil }
        guard allowed.contains(value.value) else {
            findings.report(
                rule, at: value.mark,
                "unknown \(key) '\(value.value)'\(Suggestion.hint(for: value.value, in: allowed)) (allowed: \(allowed.joined(separator: ", ")))")
            return nil
        }
        return value.value
    }

    private static func automation(_ reader: MappingReader, findings: FileFindings) -> Automation {
        guard let node = reader["automation"],
            let automation = MappingReader(node, what: "automation", keys: Vocabulary.automation, required: ["status"], findings: findings)
        else { return Automation(status: .manual) }
        var result = Automation(status: .manual, ref: automation.text("ref"))
        if let status = automation.located("status") {
            let allowed = AutomationStatus.allCases.map(\.rawValue)
            if let value = AutomationStatus(rawValue: status.value) {
                result.status = value
            } else {
                findings.report(
                    .caseAutomationStatus, at: status.mark,
                    "unknown automation status '\(status.value)'\(Suggestion.hint(for: status.value, in: allowed)) (allowed: \(allowed.joined(separator: ", ")))"
                )
            }
        }
        if result.status == .automated, result.ref == nil {
            findings.report(.caseAutomationRef, at: node.mark, "an automated case should name its test in automation.ref, so results can be imported")
        }
        return result
    }
}
