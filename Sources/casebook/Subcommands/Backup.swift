import ArgumentParser
import Foundation

/// `casebook backup FILE`: an online backup of the (possibly live) sidecar database.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the sidecar database to a new file with SQLite's online backup, safe while the server runs.",
        discussion: "Attachment bytes live in the attachments/ folder beside the database: copy that folder too.")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "The new file to write.")
    var file: String

    func run() async throws {
        try await reportingFailures {
            try options.open().backup(to: file)
            print("backed up \(options.database) to \(file)")
        }
    }
}
