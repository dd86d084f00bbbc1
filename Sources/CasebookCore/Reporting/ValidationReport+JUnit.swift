extension ValidationReport {
    /// JUnit XML: one test case per casebook file, failed when the file has an error; warnings
    /// go to the test case's output.
    func renderJUnit() -> String {
        let byFile = Dictionary(grouping: findings, by: \.file)
        // Findings can name files that were not read (unknown files): they get test cases too.
        let allFiles = Set(files).union(byFile.keys).sorted()
        let failures = allFiles.filter { byFile[$0]?.contains { $0.severity == .error } ?? false }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"casebook validate\" tests=\"\(allFiles.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"casebook validate\" tests=\"\(allFiles.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in allFiles {
            let name = xml(displayPath(file))
            let fileFindings = byFile[file] ?? []
            let lines = fileFindings.map { "\(displayPath($0.file)):\($0.mark.line):\($0.mark.column): \($0.severity.rawValue): \($0.message) [\($0.rule.rawValue)]" }
            guard !fileFindings.isEmpty else {
                out += "    <testcase classname=\"casebook\" name=\"\(name)\"/>\n"
                continue
            }
            out += "    <testcase classname=\"casebook\" name=\"\(name)\">\n"
            let errors = fileFindings.filter { $0.severity == .error }
            if let first = errors.first {
                out += "      <failure message=\"\(xml(first.message))\" type=\"\(first.rule.rawValue)\">\(xml(lines.joined(separator: "\n")))</failure>\n"
            } else {
                out += "      <system-out>\(xml(lines.joined(separator: "\n")))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private func xml(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
