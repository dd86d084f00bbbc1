import CasebookYAML
import Foundation

/// A `casebook serve --config` file: the projects to serve, each with the branch and remote it
/// follows, and the server's settings, under the names of the command's options.
///
/// ```yaml
/// host: 0.0.0.0
/// port: 8080
/// database: /var/lib/casebook/casebook.sqlite
/// projects:
///   - path: /srv/cases/shop
///     branch: main
///     remote: origin
///   - /srv/cases/mobile
/// ```
/// Settings left out take the command's defaults; options given on the command line win.
package struct ServerConfig: Sendable, Equatable {
    /// The served case repositories; their paths are absolute, or relative to the folder of the file.
    package var projects: [ProjectSource] = []
    package var host: String?
    package var port: Int?
    package var poll: Int?
    package var logLevel: String?
    package var database: String?
    package var anonymousRead: Bool?
    package var sessionHours: Int?
    package var attachmentLimit: Int?
    package var idleTimeout: Int?
    package var requestTimeout: Int?
    /// `stdout`, `off` or a file's path.
    package var accessLog: String?
    /// Proxies whose `X-Forwarded-For` names the client.
    package var trustedProxies: [AddressRange] = []
    /// Origins whose pages may call the API from a browser (CORS).
    package var corsOrigins: [String] = []
    /// A file of passwords to refuse, one a line.
    package var passwordDenylist: String?
    /// A token `/metrics` takes instead of a read token.
    package var metricsToken: String?
    /// The secret of repository webhooks that call `…/refresh`.
    package var webhookSecret: String?

    package init() {}

    /// The log levels `log-level` takes.
    package static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Reads the file at `path`: the configuration, and what is wrong in it (every problem, each
    /// with its line and column). Relative paths in it are made relative to the file's folder.
    /// Throws only when the file cannot be read.
    package static func load(path: String) throws(CasebookError) -> (ServerConfig, [Finding]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not a readable file" : "no such file")
        }
        let bytes = [UInt8](data)
        let findings = FileFindings(file: path)
        guard let root = ParsedFile.node(bytes, findings: findings) else { return (ServerConfig(), findings.findings) }
        var config = ServerConfigMapper.map(root, findings: findings)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolved(_ path: String) -> String {
            path.hasPrefix("/") ? path : folder.appendingPathComponent(path).standardizedFileURL.path
        }
        config.projects = config.projects.map { ProjectSource(path: resolved($0.path), branch: $0.branch, remote: $0.remote) }
        config.database = config.database.map(resolved)
        config.accessLog = config.accessLog.map { ["stdout", "off"].contains($0) ? $0 : resolved($0) }
        config.passwordDenylist = config.passwordDenylist.map(resolved)
        return (config, findings.findings)
    }
}
