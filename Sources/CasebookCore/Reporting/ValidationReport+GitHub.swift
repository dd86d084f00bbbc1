extension ValidationReport {
    /// GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.
    func renderGitHub() -> String {
        var out = ""
        for finding in findings {
            let properties =
                "file=\(escapeProperty(displayPath(finding.file))),line=\(finding.mark.line),col=\(finding.mark.column),title=\(escapeProperty(finding.rule.rawValue))"
            out += "::\(finding.severity.rawValue) \(properties)::\(escapeData(finding.message))\n"
        }
        out += "casebook: \(Self.count(files.count, "file")), \(Self.count(caseCount, "case")), \(Self.count(planCount, "plan")): "
        out += "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning"))\n"
        return out
    }

    /// `text` as a workflow command's data: `%`, CR and LF escaped as the runner reads them, and
    /// any other control character (ESC would drive the terminal the log is shown in) written
    /// as `\u{1B}`.
    private func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case _ where scalar.properties.generalCategory == .control: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
