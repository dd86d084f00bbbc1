import ArgumentParser
import Foundation

/// The Casebook server and project a command talks to (`import junit`, `export run`).
struct ServerConnection: ParsableArguments {
    @Option(help: "The server's base URL, like http://127.0.0.1:8080.")
    var server: String
    @Option(help: "An API token (or set CASEBOOK_TOKEN); importing needs one with the write scope.")
    var token: String?
    @Option(help: "The project key.")
    var project: String

    func validate() throws {
        guard URL(string: server)?.host != nil else { throw ValidationError("--server must be a URL like http://127.0.0.1:8080") }
    }

    /// A client of the server with the token given, or in `CASEBOOK_TOKEN`.
    func client() throws -> APIClient {
        guard let token = token ?? ProcessInfo.processInfo.environment["CASEBOOK_TOKEN"] else {
            throw CommandFailure("no token: pass --token or set CASEBOOK_TOKEN")
        }
        return APIClient(base: server.hasSuffix("/") ? String(server.dropLast()) : server, token: token)
    }

    /// The project key as it goes into an API path.
    var projectInPath: String {
        project.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? project
    }
}
