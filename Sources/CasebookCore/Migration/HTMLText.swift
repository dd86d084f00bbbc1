/// The HTML of a rich-text field (TestLink's editor writes it) as Markdown: paragraphs, line
/// breaks, lists, headings, bold, italics, code and links keep their form; other tags are
/// dropped with their text kept; character references are decoded.
package enum HTMLText {
    package static func markdown(_ html: String) -> String {
        var converter = Converter()
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                converter.tag(html[html.index(after: index)..<close])
                index = html.index(after: close)
            } else if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                let decoded = decode(html[html.index(after: index)..<semicolon])
            {
                converter.text(decoded)
                index = html.index(after: semicolon)
            } else {
                converter.text(String(character))
                index = html.index(after: index)
            }
        }
        return converter.result
    }

    /// The character of a reference without its `&` and `;` (`amp`, `#39`, `#x2014`).
    private static func decode(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        return [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—", "hellip": "…", "laquo": "«",
            "raquo": "»", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’", "copy": "©", "reg": "®", "trade": "™", "euro": "€",
            "times": "×", "deg": "°", "middot": "·", "bull": "•",
        ][String(name)]
    }

    private struct Converter {
        private var blocks: [String] = []
        private var line = ""
        /// Open lists: whether each is numbered, and its next number.
        private var lists: [(numbered: Bool, next: Int)] = []
        /// Open links: the address, and where the text starts in the line.
        private var links: [(String, Int)] = []
        private var preformatted = false

        var result: String {
            var blocks = self.blocks
            let last = line.trimmingTrailingSpaces()
            if !last.isEmpty { blocks.append(last) }
            return blocks.joined(separator: "\n\n")
                .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingTrailingSpaces() }
                .joined(separator: "\n").replacing(/\n{3,}/, with: "\n\n")
        }

        mutating func text(_ text: String) {
            if preformatted {
                line += text
                return
            }
            for character in text {
                if character.isWhitespace {
                    if !line.isEmpty, line.last != " ", line.last != "\n" { line.append(" ") }
                } else {
                    line.append(character)
                }
            }
        }

        private mutating func endBlock() {
            let text = line.trimmingTrailingSpaces()
            if !text.isEmpty { blocks.append(text) }
            line = ""
        }

        private mutating func newLine() {
            line = line.trimmingTrailingSpaces()
            if !line.isEmpty, !line.hasSuffix("\n") { line += "\n" }
        }

        mutating func tag(_ source: Substring) {
            let closing = source.hasPrefix("/")
            let name = source.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            switch name {
            case "p", "div", "blockquote", "table", "tr":
                if lists.isEmpty { endBlock() } else { newLine() }
            case "br": newLine()
            case "h1", "h2", "h3", "h4", "h5", "h6":
                endBlock()
                if !closing { line = String(repeating: "#", count: Int(String(name.last!)) ?? 1) + " " }
            case "ul", "ol":
                if closing {
                    _ = lists.popLast()
                    if lists.isEmpty { endBlock() }
                } else {
                    if lists.isEmpty { endBlock() } else { newLine() }
                    lists.append((name == "ol", 1))
                }
            case "li" where !closing:
                newLine()
                let depth = max(lists.count - 1, 0)
                var marker = "- "
                if let list = lists.last, list.numbered {
                    marker = "\(list.next). "
                    lists[lists.count - 1].next += 1
                }
                line += String(repeating: "   ", count: depth) + marker
            case "td", "th": if closing { line += " " }
            case "strong", "b": line += "**"
            case "em", "i": line += "*"
            case "code" where !preformatted: line += "`"
            case "pre" where closing:
                line += "\n```"
                preformatted = false
                endBlock()
            case "pre":
                endBlock()
                preformatted = true
                line = "```\n"
            case "a":
                if closing {
                    // The link's text is what came after its start tag, on the same line.
                    if let (href, start) = links.popLast(), !href.isEmpty, start <= line.count {
                        let text = line.dropFirst(start)
                        line = String(line.prefix(start)) + "[" + text + "](\(href))"
                    }
                } else {
                    let href = source.firstMatch(of: /href\s*=\s*["']([^"']*)["']/).map { String($0.1.replacing("&amp;", with: "&")) } ?? ""
                    links.append((href.hasPrefix("http") || href.hasPrefix("mailto:") ? href : "", line.count))
                }
            default: break
            }
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = String(self)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
