import ArgumentParser
import CasebookCore
import Foundation

/// `casebook list [PATH]`: the groups, cases and plans of a case repository.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the groups, cases and plans of a case repository.")

    @Argument(help: "A folder in the case repository (the one with casebook.yaml is found upwards).")
    var path: String = "."

    func run() throws {
        do {
            let snapshot = try Snapshot.load(from: try WorkingTree.discover(from: path))
            print(snapshot.outline(), terminator: "")
        } catch {
            FileHandle.standardError.write(Data("casebook: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
