import Foundation

/// Date-times in requests and responses: RFC 3339 / ISO 8601, UTC.
enum ISO8601 {
    static func string(_ date: Date) -> String {
        date.ISO8601Format(.iso8601.time(includingFractionalSeconds: date.timeIntervalSince1970.rounded() != date.timeIntervalSince1970))
    }

    /// A date-time with or without fractional seconds, in UTC (`Z`) or with an offset.
    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: .iso8601.time(includingFractionalSeconds: true)))
    }
}
