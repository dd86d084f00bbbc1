import Hummingbird

/// Percent-decoding of what a request's target carries: path parameters and query names and
/// values are decoded here, once, before a handler reads them (`ünï group`, `R&D Team` and
/// `qa@example.com` arrive as `%C3%BCn%C3%AF%20group`, `R%26D%20Team`, `qa%40example.com`).
enum PercentDecoding {
    /// `text` with each `%XX` decoded, and `+` read as a space when `plusIsSpace` (a query, as
    /// HTML forms send it); `nil` when an escape is cut short or the bytes are not UTF-8.
    static func decode(_ text: Substring, plusIsSpace: Bool = false) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The route's parameters decoded; a 400 naming the one that cannot be.
    static func parameters(_ parameters: Parameters) throws(Problem) -> Parameters {
        var decoded: [Parameters.Element] = []
        for (name, value) in parameters {
            guard let text = decode(value) else {
                throw Problem(
                    status: .badRequest, kind: .badParameter, title: "Bad path",
                    detail: "the path segment '\(value)' is not percent-encoded UTF-8 (write a byte as %XX, two hexadecimal digits)",
                    extensions: [("parameter", String(name))])
            }
            decoded.append((name, text[...]))
        }
        return Parameters(decoded)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
