extension ValidationReport {
    /// `{"findings":[…],"summary":{…}}` with paths relative to the case repository root.
    func renderJSON() -> String {
        let items = findings.map { finding in
            JSONText.object([
                ("rule", .string(finding.rule.rawValue)),
                ("severity", .string(finding.severity.rawValue)),
                ("file", .string(finding.file)),
                ("line", .number(finding.mark.line)),
                ("column", .number(finding.mark.column)),
                ("message", .string(finding.message)),
            ])
        }
        let summary = JSONText.object([
            ("files", .number(files.count)),
            ("cases", .number(caseCount)),
            ("plans", .number(planCount)),
            ("errors", .number(errorCount)),
            ("warnings", .number(warningCount)),
        ])
        return JSONText.object([("findings", .array(items)), ("summary", summary)]).serialized + "\n"
    }
}
