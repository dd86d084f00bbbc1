import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

/// Each folder of `Fixtures/broken` adds one mistake to `Fixtures/base`; its `expected.txt` lists
/// the findings (`rule file:line:column`) validation must report, no more and no fewer.
@Suite struct BrokenRepositoryTests {
    static let fixtures = Bundle.module.resourcePath! + "/Fixtures"
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/broken")) ?? []).sorted()

    @Test func thereAreEnoughFixtures() {
        #expect(Self.names.count >= 25)
    }

    @Test func theBaseIsClean() throws {
        let snapshot = try Snapshot.load(from: MemoryTree(try FixtureFiles.read(Self.fixtures + "/base")))
        #expect(snapshot.findings.isEmpty)
        var report = ValidationReport(snapshot: snapshot)
        report.strict = true
        #expect(report.failed == false)
    }

    @Test(arguments: names) func reportsExactlyTheMistake(_ name: String) throws {
        var files = try FixtureFiles.read(Self.fixtures + "/base")
        let folder = Self.fixtures + "/broken/" + name
        files.merge(try FixtureFiles.read(folder, excluding: ["expected.txt"])) { $1 }
        let expected = try String(contentsOfFile: folder + "/expected.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        try #require(!expected.isEmpty)

        let snapshot = try Snapshot.load(from: MemoryTree(files))
        let actual = snapshot.findings.map { "\($0.rule.rawValue) \($0.file):\($0.mark.line):\($0.mark.column)" }
        #expect(actual == expected)
        #expect(snapshot.findings.allSatisfy { !$0.message.isEmpty })

        var report = ValidationReport(snapshot: snapshot)
        let hasErrors = snapshot.findings.contains { $0.severity == .error }
        #expect(report.failed == hasErrors)
        report.strict = true
        #expect(report.failed)
    }
}
