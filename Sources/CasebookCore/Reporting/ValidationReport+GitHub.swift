extension ValidationReport {
    /// GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.
    func renderGitHub() -> String {
        var out = ""
        for finding in findings {
            let properties = "file=\(escapeProperty(displayPath(finding.file))),line=\(finding.mark.line),col=\(finding.mark.column),title=\(escapeProperty(finding.rule.rawValue))"
            out += "::\(finding.severity.rawValue) \(properties)::\(escapeData(finding.message))\n"
        }
        out += "casebook: \(files.count) files, \(caseCount) cases, \(planCount) plans: \(errorCount) errors, \(warningCount) warnings\n"
        return out
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
