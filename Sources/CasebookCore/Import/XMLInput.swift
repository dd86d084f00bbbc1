import Foundation

/// What every XML file from outside (a JUnit report, another tool's export) is checked for
/// before libxml2 reads it (``XMLEvents``): bytes and markup none of these files has a use for,
/// each found by `make fuzz` to stop the process inside FoundationXML, which read them before.
package enum XMLInput {
    /// Where and why a file cannot be read.
    package struct Problem: Error, Sendable, Equatable {
        package var line: Int
        package var column: Int
        package var message: String
    }

    /// The first problem of `data`, if any; `document` names the file in messages ("report"),
    /// `kind` the format ("a JUnit report").
    package static func problem(in data: Data, document: String, kind: String) -> Problem? {
        encodingProblem(in: data, document: document) ?? markupProblem(in: data, kind: kind)
    }

    /// Where `data` holds a NUL byte (which XML does not allow), or a byte that is not UTF-8
    /// when the file must be UTF-8 (it declares no other encoding): a located message instead
    /// of libxml2's.
    /// Reports are read in an encoding that keeps ASCII as it is, so that these checks and
    /// ``markupProblem(in:)`` can read the bytes: UTF-16 ones are refused.
    private static func encodingProblem(in data: Data, document: String) -> Problem? {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            return Problem(line: 1, column: 1, message: "the \(document) is UTF-16; save it as UTF-8")
        }
        let declaration = String(decoding: data.prefix(while: { $0 != UInt8(ascii: ">") }).prefix(200), as: UTF8.self)
        let declared = declaration.hasPrefix("<?xml") ? declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/).map { $0.1.lowercased() } : nil
        let declaresOther = declared.map { !["utf-8", "utf8"].contains($0) } ?? false
        // Only encodings whose every byte is a character: libxml2 cannot make UTF-8 of the names
        // in an encoding it does not know (FoundationXML stopped the process on them).
        if let declared, declaresOther, !Self.singleByteEncodings.contains(declared) {
            return Problem(
                line: 1, column: 1, message: "the \(document) declares the encoding '\(declared)', which casebook does not read; save it as UTF-8")
        }
        // The common case, checked in one pass each: no NUL, and UTF-8 throughout.
        let hasNUL = data.withUnsafeBytes { $0.isEmpty ? false : memchr($0.baseAddress!, 0, $0.count) != nil }
        if !hasNUL, declaresOther || data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }) {
            return nil
        }
        if declaresOther {
            guard let nul = data.firstIndex(of: 0) else { return nil }
            let before = data[..<nul]
            let line = before.count { $0 == 10 } + 1
            return Problem(
                line: line, column: before.count - (before.lastIndex(of: 10).map { $0 + 1 } ?? before.startIndex) + 1,
                message: "the \(document) holds a NUL byte, which XML does not allow")
        }
        guard let (stop, line, column) = UTF8Scan.firstStop(in: data, nul: true) else { return nil }
        return Problem(
            line: line, column: column,
            message: stop == .nul
                ? "the \(document) holds a NUL byte, which XML does not allow" : "the \(document) is not UTF-8 and declares no other encoding")
    }

    /// The encodings other than UTF-8 a file may declare: ISO 8859's, in which every byte is a character.
    private static let singleByteEncodings: Set<String> = Set((1...16).map { "iso-8859-\($0)" } + ["latin1", "iso_8859-1", "latin-1"])

    /// Where `data` holds markup these files have no use for: a processing instruction other
    /// than the XML declaration, and a document type declaration (with it, entities: the
    /// parser replaces those it knows, so none may be declared). Comments and CDATA sections are
    /// passed over, as their text may hold `<?` or `<!DOCTYPE` as it is.
    private static func markupProblem(in data: Data, kind: String) -> Problem? {
        let bytes = [UInt8](data)
        func starts(_ text: StaticString, at index: Int) -> Bool {
            text.withUTF8Buffer { bytes[index...].starts(with: $0) }
        }
        func end(of closing: StaticString, after index: Int) -> Int? {
            closing.withUTF8Buffer { closing in bytes[index...].firstRange(of: closing)?.upperBound }
        }
        func problem(at index: Int, _ message: String) -> Problem {
            let before = bytes[..<index]
            let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
            return Problem(line: before.count { $0 == 10 } + 1, column: index - lineStart + 1, message: message)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // The declaration names its version first (`<?xml?>` alone is a processing instruction to libxml2).
        if starts("<?xml", at: index), let version = bytes[(index + 5)...].firstIndex(where: { ![32, 9, 13, 10].contains($0) }),
            version > index + 5, starts("version", at: version)
        {
            // Up to its `?>`, which comes before any other markup: past a malformed one, libxml2 reads on.
            guard let declarationEnd = end(of: "?>", after: index), !bytes[(index + 1)..<declarationEnd].contains(UInt8(ascii: "<")) else {
                return problem(at: index, "the XML declaration is malformed; it is <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            }
            index = declarationEnd
        }
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            if starts("<!--", at: open) {
                guard let after = end(of: "-->", after: open + 4) else { return nil }
                index = after
            } else if starts("<![CDATA[", at: open) {
                guard let after = end(of: "]]>", after: open + 9) else { return nil }
                index = after
            } else if starts("<?", at: open) {
                return problem(at: open, "a processing instruction (<?…?>) has no place in \(kind); remove it")
            } else if starts("<!DOCTYPE", at: open) {
                return problem(at: open, "a document type declaration (<!DOCTYPE …>) has no place in \(kind); remove it")
            } else {
                index = open + 1
            }
        }
        return nil
    }

    package static func describe(_ code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "the XML ends before its elements are closed"
        case 76: "an element is closed with the wrong end tag"
        case 9: "an invalid character"
        case 68: "an & that starts no entity; write the character & as &amp;"
        default: "the XML is malformed (libxml2 error \(code))"
        }
    }
}
