import ArgumentParser
import Foundation

/// `casebook token create|list|revoke`: API tokens for CI and dashboards, on the database file directly.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API token acting as a user; the token is printed once.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The user the token acts as.")
        var user: String
        @Option(help: "A name that says where the token is used, like ci-nightly.")
        var name: String
        @Flag(help: "Let the token write (runs, results); without it, it only reads.")
        var write = false
        @Option(name: .customLong("project"), help: "Limit the token to this project (repeat for several); default: every project its user may read.")
        var projects: [String] = []

        func run() async throws {
            try await reportingFailures {
                let (_, token) = try await options.open().createAPIToken(
                    name: name, canWrite: write, projects: projects.isEmpty ? nil : projects, for: user, by: .commandLine)
                print(token.text)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List API tokens, newest first: id, user, name, scopes, created, last used, revoked.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "Only this user's tokens.")
        var user: String?

        func run() async throws {
            try await reportingFailures {
                let database = try options.open()
                let tokens = try await database.apiTokens(of: user, by: .commandLine)
                let people = try await database.people(tokens.map(\.userId))
                for token in tokens {
                    let dates = [token.createdAt, token.lastUsedAt, token.revokedAt].map { $0.map { $0.formatted(.iso8601) } ?? "-" }
                    let fields =
                        ["\(token.id ?? 0)", people[token.userId]?.username ?? "-", token.name, token.canWrite ? "read,write" : "read"] + dates
                    print(fields.joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke an API token by its id (see token list); it stops working at once.")
        @OptionGroup var options: DatabaseOptions
        @Argument var id: Int64

        func run() async throws {
            try await reportingFailures {
                try await options.open().revokeAPIToken(id, by: .commandLine)
                print("token \(id) revoked")
            }
        }
    }
}
