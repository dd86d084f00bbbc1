import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The test cases of a JUnit XML report, as JUnit 5 / Maven Surefire, pytest, XCTest and
/// `swift test --xunit-output` write them: `<testsuites>` (optional) → `<testsuite>` (nestable)
/// → `<testcase>`.
package struct JUnitReport: Sendable {
    /// One `<testcase>`.
    package struct TestCase: Sendable, Equatable {
        package enum Outcome: Sendable, Equatable {
            case passed, failed, skipped
        }

        package var classname: String
        package var name: String
        /// Seconds, from `time`.
        package var time: Double?
        package var outcome: Outcome
        /// The failure or error message and text, or the skip message.
        package var message: String?
        /// `<property name=… value=…>` inside the test case.
        package var properties: [String: String]
        /// The line of `<testcase>` in the file.
        package var line: Int

        /// `classname.name`, or `name` without a class.
        package var qualifiedName: String {
            classname.isEmpty ? name : classname + "." + name
        }
    }

    package var testCases: [TestCase]

    /// Why a report could not be read: the XML is malformed, or it is not JUnit.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        package var line: Int
        package var column: Int
        package var message: String

        package var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Parses `data`.
    package init(parsing data: Data) throws(ParseError) {
        if let problem = Self.utf8Problem(in: data) ?? Self.markupProblem(in: data) { throw problem }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let root = collector.rejectedRoot {
            throw ParseError(line: 1, column: 1, message: "not a JUnit report: the root element must be <testsuites> or <testsuite>, not <\(root)>")
        }
        // On Linux, parse() can answer true after an error: the error is what tells.
        if !parsed || parser.parserError != nil {
            let code = (parser.parserError as? NSError)?.code ?? 0
            throw ParseError(line: parser.lineNumber, column: parser.columnNumber, message: Self.describe(code))
        }
        testCases = collector.testCases
    }

    /// Where `data` holds what FoundationXML's parser stops the process on (both found by
    /// `make fuzz`), so that such bytes never reach it: a NUL byte (which XML does not allow), or
    /// a byte that is not UTF-8 when the report must be UTF-8 (it declares no other encoding).
    /// Reports are read in an encoding that keeps ASCII as it is, so that these checks and
    /// ``markupProblem(in:)`` can read the bytes: UTF-16 ones are refused.
    private static func utf8Problem(in data: Data) -> ParseError? {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            return ParseError(line: 1, column: 1, message: "the report is UTF-16; write it in UTF-8 (JUnit writers do by default)")
        }
        let declaration = String(decoding: data.prefix(while: { $0 != UInt8(ascii: ">") }).prefix(200), as: UTF8.self)
        let declaresOther =
            declaration.hasPrefix("<?xml")
            && declaration.firstMatch(of: /encoding\s*=\s*["']([^"']*)["']/).map { !["utf-8", "utf8"].contains($0.1.lowercased()) } ?? false
        if declaresOther {
            guard let nul = data.firstIndex(of: 0) else { return nil }
            let before = data[..<nul]
            let line = before.count { $0 == 10 } + 1
            return ParseError(
                line: line, column: before.count - (before.lastIndex(of: 10).map { $0 + 1 } ?? before.startIndex) + 1,
                message: "the report holds a NUL byte, which XML does not allow")
        }
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" {
                    return ParseError(line: line, column: column, message: "the report holds a NUL byte, which XML does not allow")
                } else if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return ParseError(line: line, column: column, message: "the report is not UTF-8 and declares no other encoding")
            }
        }
    }

    /// Where `data` holds markup a JUnit report has no use for and FoundationXML's parser
    /// stops the process on, or may: a processing instruction other than the XML declaration
    /// (one without data made it read a null string, found by `make fuzz`), and a document type
    /// declaration (with it, entities and notations). Comments and CDATA sections are passed over,
    /// as their text may hold `<?` or `<!DOCTYPE` as it is.
    private static func markupProblem(in data: Data) -> ParseError? {
        let bytes = [UInt8](data)
        func starts(_ text: StaticString, at index: Int) -> Bool {
            text.withUTF8Buffer { bytes[index...].starts(with: $0) }
        }
        func end(of closing: StaticString, after index: Int) -> Int? {
            closing.withUTF8Buffer { closing in bytes[index...].firstRange(of: closing)?.upperBound }
        }
        func problem(at index: Int, _ message: String) -> ParseError {
            let before = bytes[..<index]
            let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
            return ParseError(line: before.count { $0 == 10 } + 1, column: index - lineStart + 1, message: message)
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
                return problem(at: open, "a processing instruction (<?…?>) has no place in a JUnit report; remove it")
            } else if starts("<!DOCTYPE", at: open) {
                return problem(at: open, "a document type declaration (<!DOCTYPE …>) has no place in a JUnit report; remove it")
            } else {
                index = open + 1
            }
        }
        return nil
    }

    private static func describe(_ code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "the XML ends before its elements are closed"
        case 76: "an element is closed with the wrong end tag"
        case 9: "an invalid character"
        default: "the XML is malformed (libxml2 error \(code))"
        }
    }

    /// Collects test cases from the parser's events.
    private final class Collector: NSObject, XMLParserDelegate {
        var testCases: [TestCase] = []
        /// The root element's name when it is not JUnit's.
        var rejectedRoot: String?
        private var current: TestCase?
        private var depth = 0
        /// Text of the open `<failure>`, `<error>` or `<skipped>`.
        private var text: String?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            depth += 1
            if depth == 1 {
                if name != "testsuites" && name != "testsuite" {
                    rejectedRoot = name
                    parser.abortParsing()
                }
                return
            }
            switch name {
            case "testcase":
                current = TestCase(
                    classname: attributes["classname"] ?? "", name: attributes["name"] ?? "",
                    time: attributes["time"].flatMap { Double($0.replacingOccurrences(of: ",", with: "")) },
                    outcome: Self.outcome(status: attributes["status"]), message: nil, properties: [:], line: parser.lineNumber)
            case "failure" where current != nil, "error" where current != nil:
                current?.outcome = .failed
                current?.message = attributes["message"]
                text = ""
            case "skipped" where current != nil:
                if current?.outcome != .failed { current?.outcome = .skipped }
                if current?.message == nil { current?.message = attributes["message"] }
                text = ""
            case "property" where current != nil:
                if let key = attributes["name"] { current?.properties[key] = attributes["value"] ?? "" }
            default:
                break
            }
        }

        /// The outcome a testcase's `status` attribute gives before its children are read: ctest
        /// writes `status="disabled"` or `"notrun"` without a `<skipped>`, and `"fail"` beside a
        /// `<failure>`.
        private static func outcome(status: String?) -> TestCase.Outcome {
            switch status?.lowercased() {
            case "disabled", "notrun", "skipped", "skip": .skipped
            case "fail", "failed", "failure", "error": .failed
            default: .passed
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            text? += String(decoding: block, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            switch name {
            case "testcase":
                if let current { testCases.append(current) }
                current = nil
            case "failure", "error", "skipped":
                if let body = text?.trimmingCharacters(in: .whitespacesAndNewlines), !body.isEmpty {
                    let message = current?.message ?? ""
                    current?.message = message.isEmpty || body.hasPrefix(message) ? body : message + "\n" + body
                }
                text = nil
            default:
                break
            }
        }
    }
}
