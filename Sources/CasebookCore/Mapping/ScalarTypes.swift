import CasebookYAML

/// Typing of scalars by the schema, never by YAML 1.1 guessing. Non-text types accept only plain
/// scalars written the way YAML 1.2's core schema (and so editors) would read them.
enum ScalarTypes {
    /// `true` or `false` (any case YAML 1.2 allows).
    static func boolean(_ node: Node) -> Bool? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        switch scalar.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A decimal integer like `42` or `-3`.
    static func integer(_ node: Node) -> Int? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        return Int(scalar.value)
    }

    /// Seconds from `90s`, `5m`, `1h30m`, `2h 15m` or `1d`.
    static func duration(_ text: String) -> Int? {
        var total = 0, number: Int?, sawUnit = false
        for byte in text.utf8 {
            if byte.isASCIIDigit {
                let value = (number ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
                guard value <= 1_000_000_000 else { return nil }
                number = value
                continue
            }
            if byte == UInt8(ascii: " ") {
                guard number == nil else { return nil }
                continue
            }
            let unit: Int
            switch byte {
            case UInt8(ascii: "d"): unit = 86_400
            case UInt8(ascii: "h"): unit = 3_600
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "s"): unit = 1
            default: return nil
            }
            guard let value = number else { return nil }
            total += value * unit
            number = nil
            sawUnit = true
        }
        return sawUnit && number == nil ? total : nil
    }

    /// An absolute URL: a scheme, `://` and no white space.
    static func isURL(_ text: String) -> Bool {
        guard let range = text.range(of: "://"), range.lowerBound > text.startIndex, range.upperBound < text.endIndex else { return false }
        let scheme = text[..<range.lowerBound]
        guard let first = scheme.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "+" || $0 == "." || $0 == "-" }
            && !text.contains(where: \.isWhitespace)
    }
}
