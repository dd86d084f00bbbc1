extension ValidationReport {
    /// A SARIF 2.1.0 log with one run, every rule described, one result per finding. Artifact
    /// URIs are relative references (RFC 3986) against `%SRCROOT%`, the folder paths are
    /// relative to; columns count Unicode code points, as casebook counts them.
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
                                    (
                                        "artifactLocation",
                                        .object([
                                            ("uri", .string(PercentEncoding.encode(displayPath(finding.file), keeping: "/"))),
                                            ("uriBaseId", .string("%SRCROOT%")),
                                        ])
                                    ),
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
        var run: [(String, JSONText)] = [("tool", .object([("driver", driver)]))]
        if let root {
            let folder = PercentEncoding.encode(root.hasSuffix("/") ? root : root + "/", keeping: "/")
            run.append(("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string("file://" + folder))]))])))
        }
        run += [("columnKind", .string("unicodeCodePoints")), ("results", .array(results))]
        return JSONText.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ]).serialized + "\n"
    }
}
