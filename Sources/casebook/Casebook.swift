import ArgumentParser

/// The `casebook` command line: validate case repositories, generate test data.
@main
struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Test cases as code: validate and inspect a case repository.",
        subcommands: [Validate.self, List.self, Generate.self]
    )
}
