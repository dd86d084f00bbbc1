extension ValidationReport {
    /// A SARIF 2.1.0 log with one run, every rule described, one result per finding.
    func renderSARIF() -> String {
        let rules = Rule.allCases.map { rule in
            JSONText.object([
                ("id", .string(rule.rawValue)),
                ("shortDescription", .object([("text", .string(rule.summary))])),
                ("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])),
            ])
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: Rule.allCases.enumerated().map { ($1, $0) })
        let results = findings.map { finding in
            JSONText.object([
                ("ruleId", .string(finding.rule.rawValue)),
                ("ruleIndex", .number(ruleIndex[finding.rule] ?? 0)),
                ("level", .string(finding.severity.rawValue)),
                ("message", .object([("text", .string(finding.message))])),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    ("artifactLocation", .object([("uri", .string(displayPath(finding.file)))])),
                                    ("region", .object([("startLine", .number(finding.mark.line)), ("startColumn", .number(finding.mark.column))])),
                                ])
                            )
                        ])
                    ])
                ),
            ])
        }
        let driver = JSONText.object([
            ("name", .string("casebook")),
            ("rules", .array(rules)),
        ])
        return JSONText.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([("tool", .object([("driver", driver)])), ("results", .array(results))])])),
        ]).serialized + "\n"
    }
}
