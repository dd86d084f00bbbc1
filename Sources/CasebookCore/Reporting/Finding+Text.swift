extension Finding {
    /// `path:line:col: error: message [rule]`, then the source line and a caret under the
    /// column when `lines` (the file's lines) reach it.
    package func text(path: String, lines: [Substring]) -> String {
        var out = "\(path):\(mark.line):\(mark.column): \(severity.rawValue): \(message) [\(rule.rawValue)]\n"
        if mark.line <= lines.count {
            let line = lines[mark.line - 1]
            out += "    \(line)\n"
            let indent = line.prefix(max(0, mark.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "    \(indent)^\n"
        }
        return out
    }
}
