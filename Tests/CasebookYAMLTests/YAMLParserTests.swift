import CasebookYAML
import Testing

@Suite struct YAMLParserTests {
    private func parse(_ text: String) throws(YAMLError) -> Node? {
        try YAMLParser.parse(Array(text.utf8))
    }

    private func failure(_ text: String) -> YAMLError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsMarksAndStyles() throws {
        let root = try #require(try parse("title: Pay\nsteps:\n  - action: 'Open'\n    expected: |\n      Shown\n"))
        let entries = try #require(root.mapping)
        #expect(entries.map { $0.key.scalar?.value } == ["title", "steps"])
        #expect(entries[0].key.mark == Mark(line: 1, column: 1))
        #expect(entries[0].value.mark == Mark(line: 1, column: 8))
        let step = try #require(entries[1].value.sequence?.first?.mapping)
        #expect(step[0].value.scalar == Scalar("Open", style: .singleQuoted))
        #expect(step[0].value.mark == Mark(line: 3, column: 13))
        #expect(step[1].value.scalar == Scalar("Shown\n", style: .literal))
    }

    @Test(arguments: ["no", "1.10", "on", "yes", "0x1F", "1e3", "~", "2024-01-01"])
    func scalarsStayAsWritten(_ text: String) throws {
        let root = try #require(try parse("value: \(text)\n"))
        #expect(root.mapping?.first?.value.scalar?.value == text)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(try parse("title: Überweisung\nowner: zoë\n"))
        #expect(root.mapping?[1].value.mark == Mark(line: 2, column: 8))
    }

    @Test func emptyInputHasNoDocument() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n") == nil)
    }

    @Test func duplicateKeysAreErrors() throws {
        let error = try #require(failure("a: 1\nb: 2\na: 3\n"))
        #expect(error.reason == .duplicateKey)
        #expect(error.mark == Mark(line: 3, column: 1))
        #expect(error.message.contains("line 1"))
    }

    @Test func sameKeyInDifferentMappingsIsFine() throws {
        #expect(try parse("- a: 1\n- a: 2\n") != nil)
    }

    @Test func secondDocumentIsAnError() throws {
        let error = try #require(failure("a: 1\n---\nb: 2\n"))
        #expect(error.reason == .multipleDocuments)
        #expect(error.mark.line == 2)
    }

    @Test func syntaxErrorsCarryLibyamlsProblemAndMark() throws {
        let error = try #require(failure("a: [1, 2\nb: 3\n"))
        #expect(error.reason == .syntax)
        #expect(error.message.contains("flow sequence"))
        #expect(error.mark.line == 2)
    }

    @Test func aliasesAreResolved() throws {
        let root = try #require(try parse("base: &b { os: \"14\" }\ncopy: *b\n"))
        let copy = try #require(root.mapping?[1].value)
        #expect(copy.mapping?.first?.value.scalar?.value == "14")
        #expect(copy.mark == Mark(line: 2, column: 7))
    }

    @Test func unknownAliasIsAnError() throws {
        #expect(failure("a: *nowhere\n")?.reason == .alias)
    }

    @Test func aliasBombIsStopped() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        #expect(failure(text)?.reason == .alias)
    }

    /// A file large without any alias is told so, not that aliases blow it up.
    @Test func tooManyNodesWithoutAliasesIsASizeError() throws {
        let text = "k: [" + Array(repeating: "x", count: YAMLParser.maximumExpandedNodes).joined(separator: ",") + "]\n"
        let error = try #require(failure(text))
        #expect(error.reason == .size && error.message.contains("more than 100000 YAML nodes") && !error.message.contains("alias"))
        // Each node counts once: a collection's items were counted twice, refusing 60,000 of them.
        #expect(try parse("k: [" + Array(repeating: "x", count: 60_000).joined(separator: ",") + "]\n") != nil)
    }

    @Test func deepNestingIsStopped() throws {
        let depth = 10_000
        let error = try #require(failure(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
        #expect(error.reason == .depth)
        #expect(try parse(String(repeating: "[", count: 60) + String(repeating: "]", count: 60)) != nil)
    }

    @Test func utf16IsRejected() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a: 1".utf8).flatMap { [$0, 0] }
        #expect(throws: YAMLError.self) { try YAMLParser.parse(bytes) }
        do {
            _ = try YAMLParser.parse(bytes)
        } catch {
            #expect(error.reason == .encoding)
        }
    }

    @Test func invalidUTF8IsRejectedWithItsPlace() throws {
        let bytes = Array("title: ok\nowner: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        do {
            _ = try YAMLParser.parse(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .encoding)
            #expect(error.mark.line == 2)
        }
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)))
        #expect(root.mapping?.first?.key.mark == Mark(line: 1, column: 1))
    }

    @Test func nullScalars() throws {
        let root = try #require(try parse("a:\nb: ~\nc: null\nd: ''\n"))
        #expect(root.mapping?.map { $0.value.scalar?.isNull } == [true, true, true, false])
    }
}
