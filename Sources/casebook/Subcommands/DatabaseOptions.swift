import ArgumentParser
import CasebookStore
import Foundation

/// The sidecar database the admin commands work on directly (the server may be running).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The sidecar database file.")
    var database = ".casebook/casebook.sqlite"

    /// The database, or exit 2 with the reason.
    func open() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: database)
        } catch {
            throw CommandFailure("cannot open the database \(database): \(error)")
        }
    }
}

/// A password: prompted for without echo on a terminal, else the first line of standard input.
func readPassword(prompt: String) throws -> String {
    if isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) {
        return String(cString: typed)
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CommandFailure("no password: type it at the prompt or pipe it on standard input")
    }
    return line
}
