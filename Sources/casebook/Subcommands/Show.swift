import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook show ID`: one case as a person reads it, shared steps expanded.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one case as a person reads it, with shared steps expanded.")

    @Argument(help: "The case id, like SHOP-101.")
    var id: String

    @Option(help: "Read the case at this branch, tag or commit instead of the files on disk.")
    var ref: String?

    @OptionGroup var repository: RepositoryOption

    func run() async throws {
        try await reportingFailures {
            let snapshot =
                try ref.map { ref in try Snapshot.load(from: try CaseRepository(at: repository.path).tree(at: ref)) }
                ?? Snapshot.load(from: try WorkingTree.discover(from: repository.path))
            guard let testCase = snapshot.testCase(id) else { throw CaseLogError.unknownCase(id, revision: ref ?? "the working tree") }
            print(snapshot.text(of: testCase), terminator: "")
        }
    }
}
