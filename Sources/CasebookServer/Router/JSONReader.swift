/// A forward-only reader of JSON text that hands out values in the order they appear, for the
/// one body too large for `JSONDecoder`'s keyed containers to be quick enough: a bulk of 100,000
/// results (see `RunsController.readResults`). A syntax error names its line and column; a value of
/// the wrong type names the path of the value, which callers pass in.
package struct JSONReader {
    /// What went wrong: the `detail` of a 400.
    package struct Failure: Error, Equatable {
        package var message: String
        /// The member the failure is about, when the JSON is well-formed but a member is not
        /// taken: a 422 naming it rather than a 400.
        package var field: String?

        package init(message: String, field: String? = nil) {
            self.message = message
            self.field = field
        }
    }

    private let bytes: [UInt8]
    private var offset = 0
    /// How deep the value being skipped is nested (see ``skipValue()``).
    private var depth = 0
    /// The deepest nesting a skipped value may have.
    private static let depthLimit = 512
    /// The first failure of a well-formed body (an unknown member), thrown by ``end()``: a syntax
    /// error later in the body is the one to fix first.
    private var refusal: Failure?

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads an object: `member` is called with each key and must read that key's value.
    mutating func object(at path: @autoclosure () -> String, _ member: (inout JSONReader, String) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"), else: "\(path()) must be an object")
        if try take(UInt8(ascii: "}")) { return }
        repeat {
            guard try peek() == UInt8(ascii: "\"") else { throw syntax("expected a member name in quotes") }
            let key = try readString()
            try expect(UInt8(ascii: ":"), syntax: "expected ':' after the member name")
            try member(&self, key)
        } while try separator(closing: UInt8(ascii: "}"))
    }

    /// Reads an array: `element` is called with each index and must read that element.
    mutating func array(at path: @autoclosure () -> String, _ element: (inout JSONReader, Int) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["), else: "\(path()) must be an array")
        if try take(UInt8(ascii: "]")) { return }
        var index = 0
        repeat {
            try element(&self, index)
            index += 1
        } while try separator(closing: UInt8(ascii: "]"))
    }

    /// A string (`null` is not one).
    mutating func string(at path: @autoclosure () -> String) throws(Failure) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw mismatch(path(), "a string") }
        return try readString()
    }

    /// A number (`null` is not one).
    mutating func number(at path: @autoclosure () -> String) throws(Failure) -> Double {
        guard let value = try readNumber() else { throw mismatch(path(), "a number") }
        return value
    }

    /// Reads a `null` and answers `true`, or answers `false` (reading nothing) when another value is next.
    mutating func null() throws(Failure) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Reads over one value of any type (a member this reader's caller does not know).
    package mutating func skipValue() throws(Failure) {
        switch try peek() {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.depthLimit else { throw syntax("values are nested deeper than \(Self.depthLimit) levels") }
            if try peek() == UInt8(ascii: "{") {
                try object(at: "") { reader, _ throws(Failure) in try reader.skipValue() }
            } else {
                try array(at: "") { reader, _ throws(Failure) in try reader.skipValue() }
            }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default:
            guard try readNumber() != nil else { throw syntax("unexpected character") }
        }
    }

    /// Keeps `failure` (the first one only) to be thrown by ``end()``, once the body is known to
    /// be well-formed.
    mutating func refuse(_ failure: Failure) {
        if refusal == nil { refusal = failure }
    }

    /// Checks that nothing but white space follows the value read, then throws what was refused.
    package mutating func end() throws(Failure) {
        skipSpace()
        guard offset == bytes.count else { throw syntax("unexpected text after the JSON value") }
        if let refusal { throw refusal }
    }

    // MARK: - Tokens

    /// The number at the reading position, or `nil` (nothing consumed) when none starts there.
    private mutating func readNumber() throws(Failure) -> Double? {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, Self.isDigit(bytes[offset]) else {
            offset = start
            return nil
        }
        if bytes[offset] == UInt8(ascii: "0") { offset += 1 } else { skipDigits() }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { throw syntax("expected a digit after '.'") }
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { throw syntax("expected a digit in the exponent") }
            skipDigits()
        }
        guard let value = Double(String(decoding: bytes[start..<offset], as: UTF8.self)) else { throw syntax("unreadable number") }
        return value
    }

    private mutating func readString() throws(Failure) -> String {
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return try text(bytes[start..<offset - 1], at: start)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw syntax("a control character must be escaped in a string") }
            offset += 1
        }
        throw syntax("the string is not closed")
    }

    /// The rest of a string that holds an escape, from its first byte at `start`.
    private mutating func readEscapedString(from start: Int) throws(Failure) -> String {
        var result = try text(bytes[start..<offset], at: start)
        while offset < bytes.count {
            let runStart = offset
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\"), bytes[offset] >= 0x20 {
                offset += 1
            }
            result += try text(bytes[runStart..<offset], at: runStart)
            guard offset < bytes.count else { break }
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return result
            case UInt8(ascii: "\\"):
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{8}"
                case UInt8(ascii: "f"): result += "\u{C}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                case UInt8(ascii: "u"): result.unicodeScalars.append(try unicodeEscape())
                default:
                    offset -= 2
                    throw syntax("unknown escape in a string")
                }
            default:
                throw syntax("a control character must be escaped in a string")
            }
        }
        throw syntax("the string is not closed")
    }

    /// The scalar of a `\uXXXX` escape (after the `u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let escapeStart = offset - 2
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high) {
            guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                offset = escapeStart
                throw syntax("a \\u escape of a high surrogate must be followed by a low one")
            }
            offset += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                offset = escapeStart
                throw syntax("a \\u escape of a high surrogate must be followed by a low one")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else {
            offset = escapeStart
            throw syntax("a \\u escape of a lone low surrogate")
        }
        return scalar
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = Self.hexValue(bytes[offset]) else { throw syntax("a \\u escape takes four hexadecimal digits") }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func text(_ slice: ArraySlice<UInt8>, at start: Int) throws(Failure) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw Failure(message: "the body is not JSON: a string that is not UTF-8 at \(location(of: start))")
        }
        return text
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count,
            word.withUTF8Buffer({ expected in bytes[offset..<offset + count].elementsEqual(expected) })
        else { throw syntax("unexpected character") }
        offset += count
    }

    /// After a member or element: `true` for a comma (another follows), `false` for `closing`.
    private mutating func separator(closing: UInt8) throws(Failure) -> Bool {
        if try take(UInt8(ascii: ",")) { return true }
        if try take(closing) { return false }
        throw syntax("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    /// The next byte after white space, not consumed.
    private mutating func peek() throws(Failure) -> UInt8 {
        skipSpace()
        guard offset < bytes.count else { throw syntax("the body ends too early") }
        return bytes[offset]
    }

    private mutating func take(_ byte: UInt8) throws(Failure) -> Bool {
        guard try peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes `byte`, or throws `mismatch` when a value of another type is there.
    private mutating func expect(_ byte: UInt8, else mismatch: @autoclosure () -> String) throws(Failure) {
        guard try take(byte) else { throw Failure(message: mismatch()) }
    }

    private mutating func expect(_ byte: UInt8, syntax message: String) throws(Failure) {
        guard try take(byte) else { throw syntax(message) }
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while offset < bytes.count, Self.isDigit(bytes[offset]) { offset += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: - Errors

    /// A value of another type where `path` takes `expected`; a syntax error when what is there
    /// is no value at all.
    private mutating func mismatch(_ path: String, _ expected: String) -> Failure {
        let start = offset
        if (try? skipValue()) == nil {
            offset = start
            return syntax("expected a value")
        }
        offset = start
        return Failure(message: "\(path) must be \(expected)")
    }

    private func syntax(_ message: String) -> Failure {
        Failure(message: "the body is not JSON: \(message) at \(location(of: offset))")
    }

    /// "line L, column C" (from 1; columns count bytes) of byte `index`.
    private func location(of index: Int) -> String {
        let before = bytes[..<min(index, bytes.count)]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return "line \(line), column \(index - lineStart + 1)"
    }
}
