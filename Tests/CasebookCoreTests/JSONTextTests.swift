import CasebookCore
import Foundation
import Testing

@Suite struct JSONTextTests {
    @Test func escapesQuotesBackslashesAndControlCharactersAndKeepsTheRest() throws {
        let text = "say \"hi\" \\ tab\there\nnew\rret \u{01}\u{1f} ünïcödé ✓ 🧪"
        let json = JSONText.object([("a\"key", .string(text)), ("n", .number(-3)), ("d", .decimal(1.5)), ("x", .decimal(.nan))]).serialized
        #expect(json == #"{"a\"key":"say \"hi\" \\ tab\there\nnew\rret \u0001\u001f ünïcödé ✓ 🧪","n":-3,"d":1.5,"x":null}"#)
        let decoded = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(decoded["a\"key"] as? String == text)
    }

    @Test func bytesAreTheTextAsUTF8() {
        let value = JSONText.array([.string("é"), .bool(true), .null])
        #expect(value.utf8 == Array(value.serialized.utf8))
        #expect(value.serialized == #"["é",true,null]"#)
    }
}
