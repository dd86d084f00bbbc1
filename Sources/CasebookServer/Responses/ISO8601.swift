import Foundation

/// Date-times in requests and responses: RFC 3339 / ISO 8601, UTC.
enum ISO8601 {
    private static let whole = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// The date-time to the nearest millisecond, as the database keeps it (so that an answer
    /// made from a value just written says what a later read of the row says), without a
    /// fraction when it is a whole second.
    static func string(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let (seconds, fraction) = Int64(milliseconds).quotientAndRemainder(dividingBy: 1000)
        let (second, millisecond) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let text = Date(timeIntervalSince1970: TimeInterval(second)).formatted(whole)
        guard millisecond > 0 else { return text }
        let digits = String(millisecond)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
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
