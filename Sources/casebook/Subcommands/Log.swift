import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook log ID`: the commits that changed a case, following moves, with what each changed.
struct Log: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show the commits that changed a case (following moves) and what each changed.")

    @Argument(help: "The case id, like SHOP-101.")
    var id: String

    @Option(help: "Start from this branch, tag or commit.")
    var ref = "HEAD"

    @OptionGroup var repository: RepositoryOption

    func run() async throws {
        for entry in try await reportingFailures({ try CaseRepository(at: repository.path).log(ofCase: id, from: ref) }) {
            print(entry.text, terminator: "")
        }
    }
}
