import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookCore

/// Random and mutated input must never crash or hang the loader or the validator: every input
/// yields findings or a value.
@Suite struct FuzzTests {
    static let seeds: [[UInt8]] = {
        let root = FixtureFiles.packageRoot()
        let base = (try? FixtureFiles.read(root + "/Tests/CasebookCoreTests/Fixtures/base")) ?? [:]
        let sample = (try? FixtureFiles.read(root + "/sample-repo")) ?? [:]
        return (base.values.sorted() + sample.values.sorted().prefix(40)).map { Array($0.utf8) }
    }()

    static let kinds: [FileKind] = [.testCase(group: "web"), .group("web"), .sharedSteps, .plan, .settings]
    static let settings = ProjectSettings(
        key: "SHOP", name: "Shop", fields: [FieldDeclaration(name: "component", type: .enum, values: ["web"], required: true)])

    /// Every finding of a mutated input says where it is, inside the input (a line that exists, a
    /// column on it), in the file read, with a message; what parses to nothing says why.
    @Test(.timeLimit(.minutes(2))) func tenThousandMutatedInputsYieldLocatedFindings() throws {
        var random = SplitMix64(seed: 2026)
        try #require(Self.seeds.count > 10)
        for round in 0..<10_000 {
            let input = Self.mutate(Self.seeds[random.next(below: Self.seeds.count)], round: round, random: &random)
            let kind = Self.kinds[random.next(below: Self.kinds.count)]
            let parsed = ParsedFile.parse(input, path: "cases/web/x.yaml", kind: kind, contentID: "x", settings: Self.settings)
            if case .nothing = parsed.content, kind != .settings {
                #expect(!parsed.findings.isEmpty, "round \(round): nothing parsed and no finding says why")
            }
            Self.expectLocated(parsed.findings, in: ["cases/web/x.yaml": input], round: round)
            if round % 100 == 0 {
                let files = ["casebook.yaml": input, "cases/web/x.yaml": input, "plans/p.yaml": input, "shared-steps/s.yaml": input]
                let snapshot = try Snapshot.load(from: MemoryTree(bytes: files))
                Self.expectLocated(snapshot.findings, in: files, round: round)
            }
        }
    }

    /// Each finding names one of `files` and a line and column within it (the line after the last
    /// counts: the end of a file without a final newline).
    static func expectLocated(_ findings: [Finding], in files: [String: [UInt8]], round: Int) {
        for finding in findings {
            guard let bytes = files[finding.file] else {
                Issue.record("round \(round): a finding in \(finding.file), which was not read")
                continue
            }
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            let line = finding.mark.line, column = finding.mark.column
            let width = (1...lines.count).contains(line) ? String(decoding: lines[line - 1], as: UTF8.self).unicodeScalars.count : 0
            #expect(
                (1...max(1, lines.count + 1)).contains(line) && column >= 1 && column <= width + 2 && !finding.message.isEmpty,
                "round \(round): \(finding.rule.rawValue) at \(line):\(column) of \(lines.count) lines: \(finding.message)")
        }
    }

    @Test(arguments: hostileInputs.keys.sorted()) func hostileInputsYieldAFinding(_ name: String) throws {
        let input = try #require(Self.hostileInputs[name])
        let parsed = ParsedFile.parse(input, path: "cases/x.yaml", kind: .testCase(group: ""), contentID: "x", settings: Self.settings)
        #expect(!parsed.findings.isEmpty)
        let snapshot = try Snapshot.load(from: MemoryTree(bytes: ["casebook.yaml": input, "cases/x.yaml": input]))
        #expect(snapshot.findings.contains { $0.severity == .error })
    }

    /// Inputs built to hurt a parser, by name (the names keep test output short).
    static let hostileInputs: [String: [UInt8]] = {
        let depth = 10_000
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 { bomb += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let texts = [
            "flow sequences 10,000 deep": String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            "flow mappings 10,000 deep": String(repeating: "{a: ", count: depth) + String(repeating: "}", count: depth),
            "block sequences 10,000 deep": String(repeating: "- ", count: depth) + "x\n",
            "block mappings 1,000 deep": (0..<1_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n",
            "scalar of 2 MiB": "title: " + String(repeating: "x", count: 2 << 20) + "\n",
            "escaped scalar of 1.2 MB": "title: \"" + String(repeating: "\\u00e9", count: 200_000) + "\"\n",
            "alias bomb": bomb,
            "aliases in the wrong places": "id: &a SHOP-1\ntitle: *a\nsteps: *a\n",
            "unknown alias": "a: *b\n",
            "the same key three times": String(repeating: "k: v\n", count: 3),
            "20,000 unknown keys": (0..<20_000).map { "k\($0): v" }.joined(separator: "\n") + "\n",
            "tab indentation": "\t\t- tabs\n",
            "unsupported YAML version": "%YAML 9.9\n---\na: 1\n",
            "binary tag": "!!binary AAAA\n",
            "complex key": "? [complex, key]\n: value\n",
        ].mapValues { Array($0.utf8) }
        let bytes: [String: [UInt8]] = [
            "UTF-16": [0xFF, 0xFE, 0x41, 0x00], "broken UTF-8": [0xC3, 0x28], "control characters": [0x00, 0x01, 0x02],
            "continuation bytes": Array(repeating: 0x80, count: 100),
        ]
        return texts.merging(bytes) { $1 }
    }()

    /// `seed` changed by one of five kinds of mutation, chosen by `round`.
    static func mutate(_ seed: [UInt8], round: Int, random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        switch round % 5 {
        case 0:
            return Array(bytes.prefix(random.next(below: bytes.count + 1)))
        case 1:
            for _ in 0..<(1 + random.next(below: 8)) where !bytes.isEmpty {
                bytes[random.next(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
        case 2:
            let interesting = Array(":-[]{}&*!|>'\"#%@`,?\n\t ".utf8)
            for _ in 0..<(1 + random.next(below: 6)) {
                bytes.insert(interesting[random.next(below: interesting.count)], at: random.next(below: bytes.count + 1))
            }
        case 3:
            return (0..<random.next(below: 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        default:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.count > 1 {
                lines.swapAt(random.next(below: lines.count), random.next(below: lines.count))
                lines.insert(lines[random.next(below: lines.count)], at: random.next(below: lines.count))
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        }
        return bytes
    }
}
