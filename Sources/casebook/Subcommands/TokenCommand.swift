import ArgumentParser
import Foundation

/// `casebook token create`: an API token for CI or a dashboard, on the database file directly.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API token acting as a user; the token is printed once.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The user the token acts as.")
        var user: String
        @Option(help: "A name that says where the token is used, like ci-nightly.")
        var name: String
        @Flag(help: "Let the token write (runs, results); without it, it only reads.")
        var write = false

        func run() async throws {
            try await reportingFailures {
                let (_, token) = try await options.open().createAPIToken(name: name, canWrite: write, for: user, by: .commandLine)
                print(token.text)
            }
        }
    }
}
