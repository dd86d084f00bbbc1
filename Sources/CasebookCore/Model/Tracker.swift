import Foundation

/// The project's issue tracker (`tracker:` in `casebook.yaml`): defect ids in results that match
/// `pattern` link to `url` with `{id}` replaced, and a failed execution offers a new issue at
/// `new` with `{title}` and `{description}` filled in (a link; casebook calls no tracker API).
package struct Tracker: Sendable, Hashable {
    /// Like `https://tracker.example/browse/{id}`.
    package var url: String
    /// What a defect id looks like: a regular expression matched against the whole id.
    package var pattern: String
    /// Like `https://tracker.example/new?summary={title}&description={description}`.
    package var new: String?

    /// Ids like `SHOP-123`.
    package static let defaultPattern = "[A-Z][A-Z0-9]+-[0-9]+"

    package init(url: String, pattern: String = Self.defaultPattern, new: String? = nil) {
        self.url = url
        self.pattern = pattern
        self.new = new
    }

    /// The link of defect `id`, when it looks like one of this tracker's.
    package func link(_ id: String) -> String? {
        guard id.wholeMatch(ofPattern: pattern) else { return nil }
        return url.replacingOccurrences(of: "{id}", with: Self.encode(id))
    }

    /// The new-issue link with `title` and `description` filled in; `nil` without `new`.
    package func newIssue(title: String, description: String) -> String? {
        new.map {
            $0.replacingOccurrences(of: "{title}", with: Self.encode(title)).replacingOccurrences(of: "{description}", with: Self.encode(description))
        }
    }

    private static func encode(_ text: String) -> String {
        PercentEncoding.encode(text)
    }
}

extension String {
    /// Whether the whole string matches the regular expression `pattern` (which compiles).
    fileprivate func wholeMatch(ofPattern pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return false }
        return expression.firstMatch(in: self, range: NSRange(startIndex..., in: self)) != nil
    }
}
