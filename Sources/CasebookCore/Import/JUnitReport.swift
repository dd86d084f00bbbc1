import Foundation

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
        let collector = Collector()
        do {
            try XMLEvents.read(data, document: "report", kind: "a JUnit report", to: collector)
        } catch {
            throw ParseError(line: error.line, column: error.column, message: error.message)
        }
        if let root = collector.rejectedRoot {
            throw ParseError(line: 1, column: 1, message: "not a JUnit report: the root element must be <testsuites> or <testsuite>, not <\(root)>")
        }
        testCases = collector.testCases
    }

    /// Collects test cases from the parser's events.
    private final class Collector: XMLEventHandler {
        var testCases: [TestCase] = []
        /// The root element's name when it is not JUnit's.
        var rejectedRoot: String?
        private var current: TestCase?
        /// The names of the open elements.
        private var open: [String] = []
        /// Text of the open `<failure>`, `<error>` or `<skipped>`.
        private var text: [UInt8]?

        func start(_ name: String, attributes: [String: String], line: Int, column: Int) -> Bool {
            open.append(name)
            if open.count == 1 {
                guard name == "testsuites" || name == "testsuite" else {
                    rejectedRoot = name
                    return false
                }
                return true
            }
            switch name {
            case "testcase":
                current = TestCase(
                    classname: attributes["classname"] ?? "", name: attributes["name"] ?? "",
                    time: attributes["time"].flatMap { Double($0.replacingOccurrences(of: ",", with: "")) },
                    outcome: Self.outcome(status: attributes["status"]), message: nil, properties: [:], line: line)
            case "failure" where current != nil, "error" where current != nil:
                current?.outcome = .failed
                current?.message = attributes["message"]
                text = []
            case "skipped" where current != nil:
                if current?.outcome != .failed { current?.outcome = .skipped }
                if current?.message == nil { current?.message = attributes["message"] }
                text = []
            case "property" where current != nil:
                if let key = attributes["name"] { current?.properties[key] = attributes["value"] ?? "" }
            default:
                break
            }
            return true
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

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            text?.append(contentsOf: bytes)
        }

        func end() {
            switch open.popLast() {
            case "testcase":
                if let current { testCases.append(current) }
                current = nil
            case "failure", "error", "skipped":
                if let text, case let body = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), !body.isEmpty {
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
