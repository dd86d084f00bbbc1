import Foundation

/// Date-times in requests and responses: RFC 3339 / ISO 8601, UTC.
enum ISO8601 {
    private static let whole = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ date: Date) -> String {
        date.timeIntervalSince1970.rounded() == date.timeIntervalSince1970 ? date.formatted(whole) : date.formatted(fractional)
    }

    /// Why `text` is refused where a date-time is expected.
    static func notADate(_ text: String) -> String {
        "'\(text)' is not an ISO 8601 date-time such as 2026-11-21T09:30:00Z"
    }

    /// A date-time with or without fractional seconds, in UTC (`Z`) or with an offset.
    static func date(_ text: String) -> Date? {
        (try? whole.parse(text)) ?? (try? fractional.parse(text))
    }
}
