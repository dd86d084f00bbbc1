extension ValidationReport {
    /// JUnit XML (what Jenkins' xUnit plugin's `junit-10.xsd` allows): one test case per
    /// casebook file, failed when the file has an error (or, with ``strict``, a warning); other
    /// warnings go to the test case's output.
    func renderJUnit() -> String {
        let byFile = Dictionary(grouping: findings, by: \.file)
        // Findings can name files that were not read (unknown files): they get test cases too.
        let allFiles = Set(files).union(byFile.keys).sorted()
        let failures = allFiles.filter { byFile[$0]?.contains(where: fails) ?? false }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"casebook validate\" tests=\"\(allFiles.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        out += "  <testsuite name=\"casebook validate\" tests=\"\(allFiles.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in allFiles {
            let name = Self.xml(displayPath(file), attribute: true)
            let fileFindings = byFile[file] ?? []
            let lines = fileFindings.map {
                "\(displayPath($0.file)):\($0.mark.line):\($0.mark.column): \($0.severity.rawValue): \($0.message) [\($0.rule.rawValue)]"
            }
            guard !fileFindings.isEmpty else {
                out += "    <testcase classname=\"casebook\" name=\"\(name)\"/>\n"
                continue
            }
            out += "    <testcase classname=\"casebook\" name=\"\(name)\">\n"
            if let first = fileFindings.first(where: fails) {
                out += "      <failure message=\"\(Self.xml(first.message, attribute: true))\" type=\"\(first.rule.rawValue)\">"
                out += "\(Self.xml(lines.joined(separator: "\n"), attribute: false))</failure>\n"
            } else {
                out += "      <system-out>\(Self.xml(lines.joined(separator: "\n"), attribute: false))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// `text` as XML 1.0 character data or an attribute value. A character XML 1.0 does not
    /// allow at all (most controls, even as a reference) is written as `\u{1}`, so the report
    /// stays well-formed; in an attribute, line breaks and tabs are references, which an XML
    /// reader would otherwise turn into spaces.
    package static func xml(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t", "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"..."\u{10FFFF}": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }
}
