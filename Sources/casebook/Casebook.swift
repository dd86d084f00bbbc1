import ArgumentParser
import Foundation

/// The `casebook` command line: validate case repositories, list them, generate test data, serve
/// them, manage the sidecar database's users and tokens, back it up, import test results.
@main
struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Test cases as code: validate, inspect and serve case repositories.",
        subcommands: [
            Validate.self, Diff.self, Log.self, Show.self, New.self, Init.self, List.self, Generate.self, Serve.self, UserCommand.self,
            TokenCommand.self, Backup.self, Import.self, Export.self,
        ]
    )

    /// Runs the command; wrong arguments exit with 2 ("could not run"), like a missing repository.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
