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
        if let problem = XMLInput.problem(in: data, document: "report", kind: "a JUnit report") {
            throw ParseError(line: problem.line, column: problem.column, message: problem.message)
        }
        // Fed as a stream, a piece at a time: given all at once, libxml2 refuses a document of more than 10 MB.
        let parser = XMLParser(stream: InputStream(data: data))
        let collector = Collector()
        parser.delegate = collector
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if let root = collector.rejectedRoot {
            throw ParseError(line: 1, column: 1, message: "not a JUnit report: the root element must be <testsuites> or <testsuite>, not <\(root)>")
        }
        // On Linux, parse() can answer true after an error: the error is what tells.
        if !parsed || parser.parserError != nil {
            // The first error and where it was met: libxml2 reads on to the end of the input after it.
            let (code, line, column) = collector.firstError ?? ((parser.parserError as? NSError)?.code ?? 0, parser.lineNumber, parser.columnNumber)
            throw ParseError(line: line, column: column, message: XMLInput.describe(code))
        }
        testCases = collector.testCases
    }

    /// Collects test cases from the parser's events.
    private final class Collector: NSObject, XMLParserDelegate {
        var testCases: [TestCase] = []
        /// The root element's name when it is not JUnit's.
        var rejectedRoot: String?
        /// The first error the parser met, and where it was then.
        var firstError: (code: Int, line: Int, column: Int)?
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

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber) }
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
