/// Rows as CSV (RFC 4180) for spreadsheets: fields with commas, quotes or line breaks quoted,
/// lines ended by CRLF, and text a spreadsheet would take for a formula (a leading `=`, `+`,
/// `-` or `@`) marked as text with a `'` in front, as spreadsheets themselves write it.
package enum CSVText {
    /// One line of `fields`, with its CRLF.
    package static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it needs to be.
    package static func field(_ text: String) -> String {
        let guarded = text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
        guard guarded.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return guarded }
        return "\"" + guarded.replacing("\"", with: "\"\"") + "\""
    }

    /// A field as it was before ``field(_:)`` marked it as text (`'=1` → `=1`), for reading back.
    package static func unguarded(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@".contains(second) else { return text }
        return String(text.dropFirst())
    }
}
