import ArgumentParser
import CasebookCore
import CasebookServer
import CasebookStore
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

    @Option(
        help: """
            A server configuration file (YAML): projects (paths, or mappings of path, branch and remote) and any of the options \
            below by their names (port, log-level…). Options given on the command line win.
            """)
    var config: String?

    @Option(name: .customLong("project"), help: "A case repository to serve (repeat for several); default: the configuration's, else sample-repo.")
    var projects: [String] = []

    @Option(help: "The branch to follow in every project that names none; default: the branch each repository has checked out.")
    var branch: String?

    @Option(help: "Fetch this remote (like origin) before each poll and follow REMOTE/BRANCH, in every project that names none.")
    var remote: String?

    @Option(help: "The address to listen on; default 127.0.0.1.")
    var host: String?

    @Option(help: "The port to listen on; default 8080.")
    var port: Int?

    @Option(help: "Seconds between polls of the followed branches; 0: only on POST /api/v1/projects/{key}/refresh. Default 10.")
    var poll: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Default info.")
    var logLevel: String?

    @Option(help: "The sidecar database (users, runs, results, comments); attachments go beside it. Default .casebook/casebook.sqlite.")
    var database: String?

    @Flag(inversion: .prefixedNo, help: "Serve GET requests without a token, as an anonymous viewer (writes still need a token). Default: no.")
    var anonymousRead: Bool?

    @Option(help: "Hours a login session lasts; default 12.")
    var sessionHours: Int?

    @Option(help: "The largest attachment taken, in MiB; default 25.")
    var attachmentLimit: Int?

    @Option(help: "Seconds a connection may stay idle before it is closed; behind a load balancer, more than the balancer's own. Default 75.")
    var idleTimeout: Int?

    @Option(help: "Where a line per request goes: stdout, off, or a file (appended to). Default stdout.")
    var accessLog: String?

    @Option(help: "Seconds a request may take to arrive whole (head and body); slower senders get 408 and are closed. Default 60.")
    var requestTimeout: Int?

    @Option(
        name: .customLong("trusted-proxy"),
        help: """
            A proxy (an IP address, or a range such as 10.0.0.0/8) whose X-Forwarded-For names the client, for login throttling; \
            repeat for several. Default: none, the connection's address counts.
            """)
    var trustedProxies: [String] = []

    @Option(
        name: .customLong("cors-origin"),
        help: "An origin (like https://dashboard.example.com) whose pages may call the API from a browser; repeat for several. Default: none.")
    var corsOrigins: [String] = []

    @Option(help: "A file of passwords to refuse (one a line, such as a public list of common passwords).")
    var passwordDenylist: String?

    @Option(help: "A token /metrics takes (Authorization: Bearer TOKEN) besides the rule of reads.")
    var metricsToken: String?

    @Option(
        help: """
            The secret of repository webhooks calling POST /api/v1/projects/{key}/refresh, checked as GitHub's X-Hub-Signature-256 \
            or GitLab's X-Gitlab-Token. Without a webhook, a refresh takes a token that writes.
            """)
    var webhookSecret: String?

    @Flag(
        help:
            "Mark the session cookie of the web pages Secure on every page (behind a proxy that ends HTTPS); it is on pages asked for over HTTPS anyway."
    )
    var secureCookies = false

    func validate() throws {
        for proxy in trustedProxies where AddressRange(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IP address or a range such as 10.0.0.0/8")
        }
        for origin in corsOrigins where CORSOrigin.normalized(origin) == nil {
            throw ValidationError("--cors-origin \(origin) is not a scheme and host with an optional port, such as https://dashboard.example.com")
        }
        if let port { guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") } }
        if let poll { guard poll >= 0 else { throw ValidationError("--poll must be 0 or more seconds") } }
        if let sessionHours { guard sessionHours >= 1 else { throw ValidationError("--session-hours must be 1 or more") } }
        if let attachmentLimit { guard attachmentLimit >= 1 else { throw ValidationError("--attachment-limit must be 1 MiB or more") } }
        if let idleTimeout { guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be 1 or more seconds") } }
        if let requestTimeout { guard requestTimeout >= 1 else { throw ValidationError("--request-timeout must be 1 or more seconds") } }
        if let logLevel {
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    /// The configuration file's settings; its problems, located, on standard error (exit status 2).
    private func loadConfig() throws -> ServerConfig {
        guard let config else { return ServerConfig() }
        let (loaded, findings) = try ServerConfig.load(path: config)
        guard findings.isEmpty else {
            let lines = ((try? String(contentsOfFile: config, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            FileHandle.standardError.write(Data(findings.sorted(by: Finding.reportOrder).map { $0.text(path: config, lines: lines) }.joined().utf8))
            throw ExitCode(2)
        }
        return loaded
    }

    func run() async throws {
        // Handlers run on the event loops that read and write their connections, rather than
        // hopping to Swift Concurrency's pool and back for every request.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let file = try await reportingFailures { try loadConfig() }
        let sources =
            !projects.isEmpty
            ? projects.map { ProjectSource(path: $0, branch: branch, remote: remote) }
            : file.projects.isEmpty
                ? [ProjectSource(path: "sample-repo", branch: branch, remote: remote)]
                : file.projects.map { ProjectSource(path: $0.path, branch: $0.branch ?? branch, remote: $0.remote ?? remote) }
        var options = ServerOptions(projects: sources)
        options.host = host ?? file.host ?? options.host
        options.port = port ?? file.port ?? options.port
        if let poll = poll ?? file.poll { options.pollInterval = poll > 0 ? .seconds(poll) : nil }
        if let level = (logLevel ?? file.logLevel).flatMap({ Logger.Level(rawValue: $0) }) { options.logLevel = level }
        options.database = database ?? file.database ?? options.database
        options.anonymousRead = anonymousRead ?? file.anonymousRead ?? options.anonymousRead
        if let hours = sessionHours ?? file.sessionHours { options.sessionLifetime = .seconds(hours * 3600) }
        if let mebibytes = attachmentLimit ?? file.attachmentLimit { options.attachmentLimit = mebibytes * 1024 * 1024 }
        if let seconds = idleTimeout ?? file.idleTimeout { options.idleTimeout = .seconds(seconds) }
        if let seconds = requestTimeout ?? file.requestTimeout { options.requestTimeout = .seconds(seconds) }
        if let destination = accessLog ?? file.accessLog { options.accessLog = AccessLogDestination(destination) }
        options.trustedProxies = trustedProxies.isEmpty ? file.trustedProxies : trustedProxies.compactMap(AddressRange.init)
        options.corsOrigins = corsOrigins.isEmpty ? file.corsOrigins : corsOrigins.compactMap(CORSOrigin.normalized)
        options.metricsToken = metricsToken ?? file.metricsToken
        options.webhookSecret = webhookSecret ?? file.webhookSecret
        options.secureCookies = secureCookies
        try await reportingFailures {
            if let path = passwordDenylist ?? file.passwordDenylist {
                do {
                    options.passwords.denylist = try PasswordDenylist(path: path)
                } catch {
                    throw CommandFailure("cannot read the password denylist \(path): \(error.localizedDescription)")
                }
            }
            let app = try await buildApplication(options)
            do {
                try await app.runService()
            } catch let error as IOError where [EADDRINUSE, EADDRNOTAVAIL, EACCES].contains(error.errnoCode) {
                throw CommandFailure("cannot listen on \(options.host):\(options.port): \(String(cString: strerror(error.errnoCode)))")
            }
        }
    }
}
