extension ValidationReport {
    /// A Code Climate report (what GitLab's code-quality widget reads): a JSON array of issues,
    /// each with a fingerprint that stays the same while the finding does, even when lines move.
    /// A description is one line; `location.lines` has `begin` and `end`, as the spec requires.
    func renderCodeClimate() -> String {
        var occurrences: [String: Int] = [:]
        let issues = findings.map { finding in
            let identity = finding.rule.rawValue + "\u{0}" + finding.file + "\u{0}" + finding.message
            let occurrence = occurrences[identity, default: 0]
            occurrences[identity] = occurrence + 1
            return JSONText.object([
                ("type", .string("issue")),
                ("check_name", .string(finding.rule.rawValue)),
                ("description", .string(Self.oneLine(finding.message))),
                ("categories", .array([.string(finding.severity == .error ? "Bug Risk" : "Style")])),
                ("severity", .string(finding.severity == .error ? "major" : "minor")),
                ("fingerprint", .string(Self.fingerprint(identity + "\u{0}\(occurrence)"))),
                (
                    "location",
                    .object([
                        ("path", .string(displayPath(finding.file))),
                        ("lines", .object([("begin", .number(finding.mark.line)), ("end", .number(finding.mark.line))])),
                    ])
                ),
            ])
        }
        return JSONText.array(issues).serialized + "\n"
    }

    /// `text` with its line breaks (and other controls) as spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// 128 bits of two FNV-1a hashes, as 32 hex digits.
    private static func fingerprint(_ text: String) -> String {
        FNV1a.hex(text) + FNV1a.hex(text, seed: 0x8422_2325_cbf2_9ce4)
    }
}
