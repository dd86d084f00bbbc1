import ArgumentParser
import CasebookCore
import Foundation

/// `casebook list [PATH]`: the groups, cases and plans of a case repository.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the groups, cases and plans of a case repository.")

    @Argument(help: "A folder in the case repository (the one with casebook.yaml is found upwards).")
    var path: String = "."

    func run() async throws {
        let snapshot = try await reportingFailures { try Snapshot.load(from: try WorkingTree.discover(from: path)) }
        print(snapshot.outline(), terminator: "")
    }
}
