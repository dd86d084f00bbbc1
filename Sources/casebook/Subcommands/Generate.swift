import ArgumentParser
import CasebookCore
import Foundation

/// `casebook generate --cases N OUT`: a synthetic case repository, committed with git.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a synthetic case repository (for benchmarks and demos) and commit it.")

    @Option(help: "How many cases to write.")
    var cases: Int = 1_000

    @Option(help: "The random seed; the same seed writes the same repository.")
    var seed: UInt64 = 42

    @Flag(help: "Write the files without running git.")
    var noCommit = false

    @Argument(help: "The folder to create; it must not exist yet.")
    var output: String

    func validate() throws {
        guard cases >= 2 else { throw ValidationError("--cases must be at least 2") }
        guard !FileManager.default.fileExists(atPath: output) else { throw ValidationError("\(output) already exists; pick a new folder") }
    }

    func run() async throws {
        let generator = RepositoryGenerator(caseCount: cases, seed: seed)
        try await reportingFailures { try GeneratedRepository.write(generator.files(), to: output, commit: !noCommit) }
        print("wrote \(cases) cases to \(output)\(noCommit ? "" : " and committed them")")
    }
}
