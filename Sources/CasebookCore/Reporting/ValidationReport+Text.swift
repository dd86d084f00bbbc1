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
        let verdict = errorCount == 0 && warningCount == 0 ? "clean" : "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning"))"
        out += "\(Self.count(files.count, "file")), \(Self.count(caseCount, "case")), \(Self.count(planCount, "plan")): \(verdict)\n"
        return out
    }
}
