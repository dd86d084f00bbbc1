import Foundation
import Testing

@testable import CasebookServer

/// The bulk results body as `JSONReader` reads it: values, escapes, skipped members, and an
/// error for every kind of malformed input that names where it is.
@Suite struct JSONReaderTests {
    private func read(_ text: String) throws(JSONReader.Failure) -> [RunsController.SlotResultBody] {
        var reader = JSONReader(Array(text.utf8))
        let results = try RunsController.readResults(&reader)
        try reader.end()
        return results
    }

    private func failure(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.message
        }
    }

    private func failure(_ bytes: [UInt8]) -> String? {
        var reader = JSONReader(bytes)
        do {
            _ = try RunsController.readResults(&reader)
            try reader.end()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func readsEveryMemberOfAResult() throws {
        let results = try read(
            """
            { "results": [
                {"case": "SHOP-1", "device": "web", "status": "failed", "notes": "500 on submit", "defects": ["BUG-7", "BUG-8"],
                 "duration": 12.5, "startedAt": "2026-11-21T09:30:00Z", "finishedAt": "2026-11-21T09:30:12.5Z"},
                {"case": "SHOP-2", "device": null, "status": "passed", "notes": null, "defects": null, "duration": 1e3, "startedAt": null}
            ] }
            """)
        #expect(results.count == 2)
        let first = results[0]
        #expect(first.case == "SHOP-1" && first.device == "web" && first.result.status == "failed" && first.result.notes == "500 on submit")
        #expect(first.result.defects == ["BUG-7", "BUG-8"] && first.result.duration == 12.5)
        #expect(first.result.startedAt == Date(timeIntervalSince1970: 1_795_253_400))
        #expect(first.result.finishedAt == Date(timeIntervalSince1970: 1_795_253_412.5))
        let second = results[1]
        #expect(
            second.device == nil && second.result.notes == nil && second.result.defects == nil && second.result.duration == 1000
                && second.result.startedAt == nil)
        #expect(try read(#"{"results": []}"#).isEmpty)
    }

    @Test func decodesEscapes() throws {
        let results = try read(
            #"""
            {"results": [
              {"case": "SHOP-1", "status": "passed",
               "notes": "line\none \"quoted\" tab\t back\\slash \/ caf\u00e9 \ud83d\ude00 ü"}]}
            """#)
        #expect(results.first?.result.notes == "line\none \"quoted\" tab\t back\\slash / café 😀 ü")
    }

    /// A member the route does not take, or one given twice, is refused once the whole body is
    /// known to be JSON: a syntax error after it is reported first.
    @Test func unknownAndRepeatedMembersAreRefusedAfterTheSyntax() {
        #expect(
            failure(#"{"source": {"ci": ["a", {"b": [1, -2.5e-3, true, false, null]}]}, "results": []}"#)
                == "unknown member 'source'; the body takes: results")
        #expect(
            failure(#"{"results": [{"case": "SHOP-1", "status": "passed", "extra": {"x": [[]]}}]}"#)
                == "unknown member 'results[0].extra'; results[0] takes: case, device, status, notes, defects, duration, startedAt, finishedAt")
        #expect(failure(#"{"results": [{"case": "SHOP-1", "status": "failed", "status": "passed"}]}"#) == "results[0].status is given twice")
        #expect(
            failure(#"{"results": [{"case": "SHOP-1", "status": "passed", "x": 1, "y": tru}]}"#)
                == "the body is not JSON: unexpected character at line 1, column 66")
    }

    @Test func valuesOfTheWrongTypeNameTheirPath() {
        #expect(failure("[]") == "the body must be an object")
        #expect(failure(#"{"results": {}}"#) == "results must be an array")
        #expect(failure(#"{"results": null}"#) == "results must be an array")
        #expect(failure(#"{}"#) == "results is missing")
        #expect(failure(#"{"results": [1]}"#) == "results[0] must be an object")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed"}, {"case": 7, "status": "passed"}]}"#) == "results[1].case must be a string")
        #expect(failure(#"{"results": [{"case": null, "status": "passed"}]}"#) == "results[0].case must be a string")
        #expect(failure(#"{"results": [{"status": "passed"}]}"#) == "results[0].case is missing")
        #expect(failure(#"{"results": [{"case": "A-1"}]}"#) == "results[0].status is missing")
        #expect(failure(#"{"results": [{"case": "A-1", "status": "passed", "duration": "long"}]}"#) == "results[0].duration must be a number")
        #expect(failure(#"{"results": [{"case": "A-1", "status": "passed", "defects": ["B-1", 2]}]}"#) == "results[0].defects[1] must be a string")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed", "startedAt": "yesterday"}]}"#)
                == "results[0].startedAt: 'yesterday' is not an ISO 8601 date-time such as 2026-11-21T09:30:00Z")
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(failure("") == "the body is not JSON: the body ends too early at line 1, column 1")
        #expect(
            failure("{\"results\": [\n  {\"case\": \"A-1\" \"status\": \"passed\"}]}")
                == "the body is not JSON: expected ',' or '}' at line 2, column 18")
        #expect(failure(#"{"results": [], }"#) == "the body is not JSON: expected a member name in quotes at line 1, column 17")
        #expect(failure(#"{"results": []} x"#) == "the body is not JSON: unexpected text after the JSON value at line 1, column 17")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed", "x": tru}]}"#)
                == "the body is not JSON: unexpected character at line 1, column 55")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed", "x": 01}]}"#)
                == "the body is not JSON: expected ',' or '}' at line 1, column 56")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed", "x": 1.}]}"#)
                == "the body is not JSON: expected a digit after '.' at line 1, column 57")
        #expect(
            failure(#"{"results": [{"case": "A-1", "status": "passed", "duration": -}]}"#)
                == "the body is not JSON: expected a value at line 1, column 62")
        #expect(
            failure(#"{"results": [{"case": "A-1\q", "status": "passed"}]}"#)
                == "the body is not JSON: unknown escape in a string at line 1, column 27")
        #expect(
            failure(#"{"results": [{"case": "\ud83d", "status": "passed"}]}"#)
                == "the body is not JSON: a \\u escape of a high surrogate must be followed by a low one at line 1, column 24")
        #expect(
            failure(#"{"results": [{"case": "\ude00", "status": "passed"}]}"#)
                == "the body is not JSON: a \\u escape of a lone low surrogate at line 1, column 24")
        #expect(
            failure(#"{"results": [{"case": "\u12"}]}"#) == "the body is not JSON: a \\u escape takes four hexadecimal digits at line 1, column 28")
        #expect(
            failure("{\"results\": [{\"case\": \"A\u{1}\"}]}")
                == "the body is not JSON: a control character must be escaped in a string at line 1, column 25")
        #expect(failure(#"{"results": [{"case": "A-1"#) == "the body is not JSON: the string is not closed at line 1, column 27")
        #expect(
            failure(Array(#"{"results": [{"case": ""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8))
                == "the body is not JSON: a string that is not UTF-8 at line 1, column 24")
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = #"{"x": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + #", "results": []}"#
        #expect(failure(deep) == "the body is not JSON: values are nested deeper than 512 levels at line 1, column 519")
        let fine = #"{"x": "# + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + #", "results": []}"#
        #expect(failure(fine) == "unknown member 'x'; the body takes: results")
    }
}
