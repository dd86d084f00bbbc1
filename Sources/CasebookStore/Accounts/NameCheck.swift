import Foundation

/// Names people give things (a department, a display name, an API token): shown in lists and
/// logs, so trimmed of white space and free of control characters.
enum NameCheck {
    /// `text` trimmed, or a 422 for `field` when it is empty, longer than `maximum` characters or
    /// holds a control character.
    static func name(_ text: String, field: String, what: String, maximum: Int = 100) throws(StoreError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let hidden = trimmed.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !trimmed.isEmpty, trimmed.count <= maximum, !hidden else {
            throw .invalid(field, "\(what) has 1 to \(maximum) characters, none of them control characters")
        }
        return trimmed
    }
}
