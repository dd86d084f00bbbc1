extension ValidationReport {
    /// `{"findings":[…],"summary":{…}}` with paths relative to the case repository root.
    func renderJSON() -> String {
        let items = findings.map(\.json)
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

extension Finding {
    /// `{"rule":…,"severity":…,"file":…,"line":…,"column":…,"message":…}`.
    package var json: JSONText {
        .object([
            ("rule", .string(rule.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("file", .string(file)),
            ("line", .number(mark.line)),
            ("column", .number(mark.column)),
            ("message", .string(message)),
        ])
    }
}
