extension FieldValue {
    /// The value as JSON: text as a string, numbers and durations (seconds) as numbers, lists as arrays.
    package var json: JSONText {
        switch self {
        case .text(let text): .string(text)
        case .integer(let number): .number(number)
        case .boolean(let flag): .bool(flag)
        case .duration(let seconds): .number(seconds)
        case .list(let items): .array(items.map(JSONText.string))
        }
    }
}
