import Foundation
import Ink

/// Text fields (preconditions, steps, descriptions, comments) as HTML: CommonMark through Ink,
/// with raw HTML shown as text, links only to http(s), mail and this server's paths, and images
/// as links (a page loads nothing from another origin).
enum MarkdownHTML {
    /// `markdown` rendered as HTML that is safe to place in a page.
    static func html(_ markdown: String) -> String {
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .html) { _, markdown in escape(String(markdown)) },
            Modifier(target: .links) { html, markdown in link(html: html, markdown: markdown, image: false) },
            Modifier(target: .images) { html, markdown in link(html: html, markdown: markdown, image: true) },
        ])
        return parser.html(from: markdown)
    }

    /// `text` with `&`, `<`, `>` and `"` escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A link (or an image, as a link to it) whose target is allowed, with its target escaped;
    /// any other as its Markdown text.
    private static func link(html: String, markdown: Substring, image: Bool) -> String {
        guard markdown.hasSuffix(")"), let open = markdown.range(of: "](", options: .backwards) else { return escape(String(markdown)) }
        let target = String(markdown[open.upperBound..<markdown.index(before: markdown.endIndex)])
        let label: String
        if image {
            let start = markdown.index(markdown.startIndex, offsetBy: 2)
            label = escape(String(markdown[start..<open.lowerBound]))
        } else {
            let prefix = "<a href=\"" + target + "\">"
            guard html.hasPrefix(prefix), html.hasSuffix("</a>") else { return escape(String(markdown)) }
            label = String(html.dropFirst(prefix.count).dropLast(4))
        }
        guard allowed(target) else { return escape(String(markdown)) }
        return "<a href=\"" + escape(target) + "\">" + label + "</a>"
    }

    /// Whether a link may point at `target`: http(s), mail, or a path or fragment of this page.
    private static func allowed(_ target: String) -> Bool {
        let lowered = target.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") { return true }
        guard !target.isEmpty, !target.hasPrefix("//"), !target.hasPrefix("\\") else { return false }
        return !(target.split(separator: "/", maxSplits: 1).first ?? "").contains(":")
    }
}
