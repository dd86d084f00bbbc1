import ArgumentParser
import CasebookStore
import Foundation

/// The sidecar database the admin commands work on directly (the server may be running).
struct DatabaseOptions: ParsableArguments {
    @Option(help: "The sidecar database file.")
    var database = ".casebook/casebook.sqlite"

    /// The database, or exit 2 with the reason. Only `creating` makes a database that is not
    /// there yet (`user add`, for the first admin): another command given a wrong path would
    /// otherwise answer from an empty database made on the spot.
    func open(creating: Bool = false, denylist: String? = nil) throws -> AppDatabase {
        guard creating || FileManager.default.fileExists(atPath: database) else {
            throw CommandFailure(
                "no database at \(database): give --database the file casebook serve uses, or create one with casebook user add --admin NAME")
        }
        var passwords = PasswordPolicy()
        if let denylist {
            do {
                passwords.denylist = try PasswordDenylist(path: denylist)
            } catch {
                throw CommandFailure("cannot read the password denylist \(denylist): \(error.localizedDescription)")
            }
        }
        do {
            return try AppDatabase.open(path: database, passwords: passwords)
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
