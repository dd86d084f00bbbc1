import ArgumentParser
import CasebookServer
import Foundation
import Logging
import NIOCore
import NIOPosix

/// `casebook serve`: the read API over one or more case repositories, following their branches.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve case repositories over HTTP.",
        discussion: """
            Reads each case repository straight from git (no checkout needed), follows its branch and \
            serves the JSON API under /api/v1, with /health/live, /health/ready, /metrics and /openapi.yaml. \
            Users, runs, results, comments and attachments live in the sidecar database. Every /api/v1 \
            request needs a bearer token (casebook user add --admin NAME, then POST /api/v1/auth/login), \
            except reads when --anonymous-read is given.
            """
    )

    @Option(name: .customLong("project"), help: "A case repository to serve (repeat for several); default: sample-repo.")
    var projects: [String] = []

    @Option(help: "The branch to follow in every project; default: the branch each repository has checked out.")
    var branch: String?

    @Option(help: "Fetch this remote (like origin) before each poll and follow REMOTE/BRANCH.")
    var remote: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Seconds between polls of the followed branches; 0: only on POST /api/v1/projects/{key}/refresh.")
    var poll = 10

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @Option(help: "The sidecar database (users, runs, results, comments); attachments go beside it.")
    var database = ".casebook/casebook.sqlite"

    @Flag(help: "Serve GET requests without a token, as an anonymous viewer (writes still need a token).")
    var anonymousRead = false

    @Option(help: "Hours a login session lasts.")
    var sessionHours = 12

    @Option(help: "The largest attachment taken, in MiB.")
    var attachmentLimit = 25

    @Option(help: "Seconds a connection may stay idle before it is closed; behind a load balancer, more than the balancer's own.")
    var idleTimeout = 75

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard poll >= 0 else { throw ValidationError("--poll must be 0 or more seconds") }
        guard sessionHours >= 1 else { throw ValidationError("--session-hours must be 1 or more") }
        guard attachmentLimit >= 1 else { throw ValidationError("--attachment-limit must be 1 MiB or more") }
        guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be 1 or more seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        // Handlers run on the event loops that read and write their connections, rather than
        // hopping to Swift Concurrency's pool and back for every request.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let options = ServerOptions(
            projects: (projects.isEmpty ? ["sample-repo"] : projects).map { ProjectSource(path: $0, branch: branch, remote: remote) },
            host: host, port: port, pollInterval: poll > 0 ? .seconds(poll) : nil, logLevel: Logger.Level(rawValue: logLevel) ?? .info,
            database: database, anonymousRead: anonymousRead, sessionLifetime: .seconds(sessionHours * 3600), attachmentLimit: attachmentLimit * 1024 * 1024,
            idleTimeout: .seconds(idleTimeout))
        try await reportingFailures {
            let app = try await buildApplication(options)
            do {
                try await app.runService()
            } catch let error as IOError where [EADDRINUSE, EADDRNOTAVAIL, EACCES].contains(error.errnoCode) {
                throw CommandFailure("cannot listen on \(host):\(port): \(String(cString: strerror(error.errnoCode)))")
            }
        }
    }
}
