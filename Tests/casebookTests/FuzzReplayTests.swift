import CasebookTestSupport
import Foundation
import Testing

/// `casebook-fuzz` without the fuzzer: files run through the fuzz targets, so every input the
/// fuzzer ever crashed on (kept in FuzzFindings/TARGET/) stays a test.
@Suite struct FuzzReplayTests {
    static let root = FixtureFiles.packageRoot()

    static func replay(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("casebook-fuzz")
        if !FileManager.default.fileExists(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: root + "/.build/debug/casebook-fuzz")
        }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: ["yaml", "repository"])
    func theSampleRepositoryRunsThroughTheYAMLTargets(target: String) throws {
        let outcome = try Self.replay([target, Self.root + "/sample-repo", Self.root + "/Tests/CasebookCoreTests/Fixtures"])
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.hasSuffix(" inputs ran through \(target)\n"))
    }

    @Test func everyFindingOfTheFuzzerRunsThroughItsTarget() throws {
        let findings = Self.root + "/Tests/casebookTests/FuzzFindings"
        for target in (try? FileManager.default.contentsOfDirectory(atPath: findings)) ?? [] {
            let outcome = try Self.replay([target, findings + "/" + target])
            #expect(outcome.status == 0, "\(target): \(outcome.output)")
        }
    }

    @Test func anUnknownTargetIsRefused() throws {
        let outcome = try Self.replay(["nope", "x"])
        #expect(outcome.status == 2 && outcome.output.contains("targets: yaml, repository, server-config"))
    }
}
