import Foundation
import Testing

@testable import CasebookCore

/// libxml2's push parser as ``XMLEvents`` drives it: what each event carries, across the pieces a
/// large document is fed in.
@Suite struct XMLEventsTests {
    /// Writes down every event as a line.
    final class Recorder: XMLEventHandler {
        var lines: [String] = []
        var pending: [UInt8] = []
        /// The element whose start stops the reading.
        var stopAt: String?

        func start(_ name: String, attributes: [String: String], line: Int, column: Int) -> Bool {
            flush()
            let pairs = attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.append("<\(name)\(pairs.map { " " + $0 }.joined())> \(line):\(column)")
            return name != stopAt
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            pending.append(contentsOf: bytes)
        }

        func end() {
            flush()
            lines.append("end")
        }

        private func flush() {
            if !pending.isEmpty { lines.append("text " + String(decoding: pending, as: UTF8.self)) }
            pending = []
        }
    }

    private func read(_ text: String, stopAt: String? = nil) throws(XMLInput.Problem) -> [String] {
        let recorder = Recorder()
        recorder.stopAt = stopAt
        try XMLEvents.read(Data(text.utf8), document: "file", kind: "a test document", to: recorder)
        return recorder.lines
    }

    @Test func attributesTextAndCDATAAreDecodedOnce() throws {
        let lines = try read("<a x=\"1 &amp; 2 &lt;&#233;&#x4E2D;\" y='\"'>one &amp; <![CDATA[<two> &amp;]]><b/>\n</a>")
        #expect(lines == ["<a x=1 & 2 <é中 y=\"> 1:42", "text one & <two> &amp;", "<b> 1:78", "end", "text \n", "end"])
    }

    @Test func aTextAcrossThePiecesIsWhole() throws {
        // The document is fed a MiB at a time: this text spans the first piece's end.
        let long = String(repeating: "é ü 中 ", count: 150_000)
        let lines = try read("<a>\(long)</a>")
        // Compared as one truth: a failure would print a megabyte twice.
        let whole = lines == ["<a> 1:3", "text " + long, "end"]
        #expect(whole, "\(lines.count) events; text of \(lines.dropFirst().first?.utf8.count ?? 0) bytes")
    }

    @Test func theHandlerStopsTheReading() throws {
        let lines = try read("<a><b/><c><d/></c></a>", stopAt: "c")
        #expect(lines == ["<a> 1:3", "<b> 1:6", "end", "<c> 1:10"])
    }

    @Test func anISO8859DocumentIsReadAsUTF8() throws {
        let bytes =
            Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a n=\"".utf8) + Data([0xE9]) + Data("\">".utf8) + Data([0xFC]) + Data("</a>".utf8)
        let recorder = Recorder()
        try XMLEvents.read(bytes, document: "file", kind: "a test document", to: recorder)
        #expect(recorder.lines == ["<a n=é> 2:9", "text ü", "end"])
    }

    @Test func anUndeclaredPrefixIsANameAsWritten() throws {
        let lines = try read("<x:a y:b=\"1\"/>")
        #expect(lines == ["<x:a y:b=1> 1:13", "end"])
    }

    @Test(arguments: [
        ("<a>\n  <b></a>", 2, 10, "an element is closed with the wrong end tag"),
        ("<a>\n<b>", 2, 4, "the XML ends before its elements are closed"),
        ("", 1, 1, "the document is empty"),
        (" \n\t", 1, 1, "the document is empty"),
        ("<a>\n x & y</a>", 2, 5, "an & that starts no entity; write the character & as &amp;"),
    ])
    func theFirstErrorIsPlaced(document: String, line: Int, column: Int, message: String) {
        #expect(throws: XMLInput.Problem(line: line, column: column, message: message)) { try read(document) }
    }
}
