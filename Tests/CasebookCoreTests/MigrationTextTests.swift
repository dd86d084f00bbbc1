import CasebookYAML
import Foundation
import Testing

@testable import CasebookCore

/// The text pieces of `casebook import cases`: YAML written back exactly, numbered lists as
/// steps, HTML as Markdown, and CSV with its errors located.
@Suite struct MigrationTextTests {
    /// Writes `text` as a value and reads it back with the YAML parser the loader uses.
    static func roundTrip(_ text: String) throws -> String? {
        let yaml = "a:\n  - b: " + YAMLText.scalar(text, indent: 4) + "\n"
        let root = try #require(try YAMLParser.parse(Array(yaml.utf8)))
        return root.mapping?[0].value.sequence?[0].mapping?[0].value.scalar?.value
    }

    @Test(arguments: [
        "plain", "two\nlines", "trailing\n", "two trailing\n\n", "  leading spaces\nsecond", "\nleading break", "tab\tinside\n\tnext",
        "key: value", "# not a comment", "- not a list", "null", "~", "é ü 中文 Русский", "a\r\nb", "control \u{1} char", "  ", "\n\n",
        "line with trailing spaces   \nnext", "last line with spaces\n   ", "\"quoted\"", "'single'", "1.10", "no", "@at", "`tick", "[x]",
        "{y}", "x #y", "ends with colon:", "\u{85}next line", "bom\u{FEFF}", "", "\t",
    ])
    func everyTextIsReadBackAsItWasWritten(text: String) throws {
        #expect(try Self.roundTrip(text) == text)
    }

    @Test func randomTextIsReadBackAsItWasWritten() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", " ", "\n", "\t", ":", "#", "-", "\"", "'", "|", ">", "é", "中", "\r", "\u{7}", "  ", "1", "\\"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(try Self.roundTrip(text) == text, "\(text.debugDescription)")
        }
    }

    @Test func numberedListsBecomeStepsWhenBothSidesAgree() {
        #expect(ImportText.numberedItems("1. Open\n2) Pay\n   with card") == ["Open", "Pay\n   with card"])
        #expect(ImportText.numberedItems("2. Open\n3. Pay") == nil)
        #expect(ImportText.numberedItems("Intro\n1. Open\n2. Pay") == nil)
        #expect(ImportText.numberedItems("1. Only one") == nil)
        #expect(
            ImportText.steps(action: "1. Open\n2. Pay", expected: "1. Shown\n2. Paid")
                == [ImportedStep(action: "Open", expected: "Shown"), ImportedStep(action: "Pay", expected: "Paid")])
        #expect(ImportText.steps(action: "1. Open\n2. Pay", expected: "Paid") == [ImportedStep(action: "1. Open\n2. Pay", expected: "Paid")])
        #expect(ImportText.value("\n      Indented\n        more\n\n      last\n    ") == "Indented\n  more\n\nlast")
        #expect(ImportText.value("  kept as is ") == "  kept as is ")
        #expect(ImportText.estimate("1m 30s") == 90 && ImportText.estimate("120") == 120 && ImportText.estimate("soon") == nil)
    }

    @Test func htmlBecomesMarkdown() {
        #expect(HTMLText.markdown("<p>One &amp; <b>two</b></p><p>Three<br/>four&#x21;</p>") == "One & **two**\n\nThree\nfour!")
        #expect(HTMLText.markdown("<ol><li>A</li><li>B<ul><li>c</li></ul></li></ol>") == "1. A\n2. B\n   - c")
        #expect(
            HTMLText.markdown("<h2>Title</h2><p>See <a href=\"https://x.test/a\">the page</a> and <a href=\"javascript:x\">this</a></p>")
                == "## Title\n\nSee [the page](https://x.test/a) and this")
        #expect(HTMLText.markdown("<table><tr><td>a</td><td>b</td></tr></table><span>kept</span> <em>it</em>") == "a b\n\nkept *it*")
        #expect(HTMLText.markdown("plain text, no tags &unknown; 3 < 4") == "plain text, no tags &unknown; 3 < 4")
        #expect(
            HTMLText.markdown("<p>Run:</p><pre>make  test\n  --verbose</pre><p><a href=\"https://x.test/?a=1&amp;b=2\">q</a></p>")
                == "Run:\n\n```\nmake  test\n  --verbose\n```\n\n[q](https://x.test/?a=1&b=2)")
    }

    @Test func csvFieldsAreReadAsRFC4180WritesThem() throws {
        let table = try DelimitedText(parsing: Data("\u{FEFF}a;b\r\n\"x;\"\"y\"\"\";\"two\nlines\"\r\n\r\n;\n".utf8), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["x;\"y\"", "two\nlines"], ["", ""]])
        #expect(table.rowNumbers == [2, 4])
        #expect(
            throws: ImportError(
                SourceLocation(file: "t.csv", line: 2, column: 1, isRow: true),
                "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
        ) {
            try DelimitedText(parsing: Data("a,b\n\"x\"y,z\n".utf8), file: "t.csv")
        }
    }
}
