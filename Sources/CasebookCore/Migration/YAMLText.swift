/// YAML scalars written so that reading them back gives the text exactly.
package enum YAMLText {
    /// `text` as the value of a key or list item whose lines are indented by `indent` spaces:
    /// a literal block (`|`) for text of several lines, a double-quoted scalar otherwise (and
    /// for text a block cannot hold: control characters, carriage returns, only white space).
    package static func scalar(_ text: String, indent: Int) -> String {
        guard text.utf8.contains(10), blockCanHold(text) else { return isPlain(text) ? text : quoted(text) }
        let trailingBreaks = text.reversed().prefix { $0 == "\n" }.count
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let lines = text.dropLast(trailingBreaks).split(separator: "\n", omittingEmptySubsequences: false)
        // An indentation indicator when the first line with text starts with a space (it would be
        // taken for the block's indentation).
        let firstText = lines.first { !$0.isEmpty }
        let indicator = firstText?.first == " " ? "2" : ""
        let prefix = String(repeating: " ", count: indent + 2)
        var out = "|" + indicator + chomping
        for line in lines { out += line.isEmpty ? "\n" : "\n" + prefix + line }
        for _ in 1..<max(trailingBreaks, 1) { out += "\n" }
        return out
    }

    /// Whether `text` can be written as it is, unquoted, and read back the same: one line, no
    /// white space at either end, no character that starts other YAML, no `: ` or ` #`, and not
    /// a word YAML reads as nothing.
    static func isPlain(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, ![32, 9, UInt8(ascii: ":")].contains(last) else { return false }
        guard !"-?:,[]{}#&*!|>'\"%@` \t".utf8.contains(first), !["null", "Null", "NULL", "~"].contains(text) else { return false }
        var previous: UInt8 = 0
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            // `: ` starts a mapping, ` #` a comment.
            if (previous == UInt8(ascii: ":") && byte == 32) || (previous == 32 && byte == UInt8(ascii: "#")) { return false }
            if byte < 0x20 || byte == 0x7F { return false }
            previous = byte
        }
        // C1 controls (next line among them), the separators and the byte order mark begin with these bytes.
        guard bytes.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return true }
        return text.unicodeScalars.allSatisfy { !(0x80...0x9F).contains($0.value) && $0 != "\u{FEFF}" && $0 != "\u{2028}" && $0 != "\u{2029}" }
    }

    /// Whether a literal block keeps `text` as it is: printable characters and line feeds, some
    /// line with more than white space, and no first line of only spaces (the block's
    /// indentation would be taken from a later line).
    private static func blockCanHold(_ text: String) -> Bool {
        guard
            text.unicodeScalars.allSatisfy({
                $0 == "\n" || $0 == "\t"
                    || ($0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && $0 != "\u{FEFF}" && $0 != "\u{2028}"
                        && $0 != "\u{2029}")
            })
        else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.contains { $0 != " " && $0 != "\t" } }) else { return false }
        // A line of only spaces before the first line with text, or tabs leading a line, confuse
        // the block's indentation.
        for line in lines {
            if line.contains(where: { $0 != " " && $0 != "\t" }) { break }
            if !line.isEmpty { return false }
        }
        return !lines.contains { $0.first == "\t" }
    }

    /// A flow list of quoted texts: `["a", "b"]`.
    package static func list(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// A double-quoted scalar of any text: JSON's escapes, and `\u` escapes for the characters
    /// YAML reads as line breaks or leaves out (next line, the separators, DEL and C1 controls,
    /// the byte order mark).
    package static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in Scaffold.quoted(text).unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
