extension ValidationReport {
    /// `path:line:col: error: message [rule]`, the source line and a caret under the column,
    /// then a summary line.
    func renderText() -> String {
        var out = ""
        var linesByFile: [String: [Substring]] = [:]
        for finding in findings {
            let lines = linesByFile[finding.file] ?? sourceLines(finding.file)
            linesByFile[finding.file] = lines
            out += finding.text(path: displayPath(finding.file), lines: lines)
        }
        let verdict = errorCount == 0 && warningCount == 0 ? "clean" : "\(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
        out += "\(plural(files.count, "file")), \(plural(caseCount, "case")), \(plural(planCount, "plan")): \(verdict)\n"
        return out
    }

    private func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }
}
