/// The words of the pages, one catalogue per language; a page takes the reader's. Templates read
/// the catalogue as `text.NAME`; Swift code as `visitor.text.NAME`. Both catalogues hold the
/// same names (a test checks it, and that every `text.NAME` of a template is one of them).
@dynamicMemberLookup
struct WebText: Sendable {
    let words: [String: String]
    /// How a count of a noun is written: English adds `s` past one, Chinese does not.
    let plural: @Sendable (Int, String) -> String

    subscript(dynamicMember name: String) -> String {
        words[name] ?? name
    }

    /// `3 errors`, `1 warning` (or `3 个错误`).
    func count(_ count: Int, _ noun: String) -> String {
        plural(count, noun)
    }

    /// The name of a requirement's coverage state.
    func coverage(_ state: RequirementsCoverage.State) -> String {
        switch state {
        case .covered: self.covered
        case .failing: self.failing
        case .notCovered: self.notCovered
        }
    }

    static let english = WebText(words: englishWords) { count, noun in
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static let chinese = WebText(words: chineseWords) { count, noun in
        "\(count) 个" + (["error": "错误", "warning": "警告"][noun] ?? noun)
    }

    /// The catalogue the `Accept-Language` header asks for first (English when none matches),
    /// and its language tag.
    static func choose(_ acceptLanguage: String?) -> (WebText, String) {
        for range in (acceptLanguage ?? "").split(separator: ",") {
            let tag = range.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if tag.hasPrefix("zh") { return (chinese, "zh-Hans") }
            if tag.hasPrefix("en") { return (english, "en") }
        }
        return (english, "en")
    }

    /// The catalogue of a language a user chose (`en`, `zh-Hans`), and its tag.
    static func catalogue(_ code: String) -> (WebText, String)? {
        switch code {
        case "en": (english, "en")
        case "zh-Hans": (chinese, "zh-Hans")
        default: nil
        }
    }
}
