extension ValidationReport {
    /// `path:line:col: error: message [rule]`, the source line and a caret under the column,
    /// then a summary line.
    func renderText() -> String {
        var out = ""
        var linesByFile: [String: [Substring]] = [:]
        for finding in findings {
            out += "\(displayPath(finding.file)):\(finding.mark.line):\(finding.mark.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule.rawValue)]\n"
            let lines = linesByFile[finding.file] ?? sourceLines(finding.file)
            linesByFile[finding.file] = lines
            if finding.mark.line <= lines.count {
                let line = lines[finding.mark.line - 1]
                out += "    \(line)\n"
                let indent = line.prefix(max(0, finding.mark.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
                out += "    \(indent)^\n"
            }
        }
        let verdict = errorCount == 0 && warningCount == 0 ? "clean" : "\(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
        out += "\(plural(files.count, "file")), \(plural(caseCount, "case")), \(plural(planCount, "plan")): \(verdict)\n"
        return out
    }

    private func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }
}
