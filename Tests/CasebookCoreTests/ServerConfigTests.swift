import CasebookCore
import CasebookTestSupport
import Testing

/// `casebook serve --config`: the file's settings, its paths taken from its folder, and every
/// problem in it reported where it is written.
@Suite struct ServerConfigTests {
    /// Writes `text` as `conf/server.yaml` in a new folder and loads it.
    static func load(_ text: String) throws -> (ServerConfig, [String], TemporaryDirectory) {
        let folder = try TemporaryDirectory()
        try folder.write("conf/server.yaml", text)
        let (config, findings) = try ServerConfig.load(path: folder.path + "/conf/server.yaml")
        return (config, findings.map { "\($0.mark.line):\($0.mark.column) \($0.rule.rawValue) \($0.message)" }, folder)
    }

    /// A file that sets everything.
    static let example = """
        host: 0.0.0.0
        port: 9090
        poll: 0
        log-level: warning
        database: ../data/casebook.sqlite
        anonymous-read: true
        session-hours: 8
        attachment-limit: 50
        idle-timeout: 120
        request-timeout: 30
        access-log: logs/access.log
        trusted-proxies: [10.0.0.0/8, "::1"]
        cors-origins: [HTTPS://Dashboard.example.com/]
        password-denylist: common.txt
        metrics-token: scrape-me
        webhook-secret: hooked
        projects:
          - ../shop
          - path: /srv/cases/mobile
            branch: release
            remote: origin
        """

    @Test func readsEverySettingAndTakesRelativePathsFromItsFolder() throws {
        let (config, findings, folder) = try Self.load(Self.example)
        defer { folder.remove() }
        #expect(findings == [])
        var expected = ServerConfig()
        expected.projects = [
            ProjectSource(path: folder.path + "/shop"), ProjectSource(path: "/srv/cases/mobile", branch: "release", remote: "origin"),
        ]
        expected.host = "0.0.0.0"
        expected.port = 9090
        expected.poll = 0
        expected.logLevel = "warning"
        expected.database = folder.path + "/data/casebook.sqlite"
        expected.anonymousRead = true
        expected.sessionHours = 8
        expected.attachmentLimit = 50
        expected.idleTimeout = 120
        expected.requestTimeout = 30
        expected.accessLog = folder.path + "/conf/logs/access.log"
        expected.trustedProxies = [try #require(AddressRange("10.0.0.0/8")), try #require(AddressRange("::1"))]
        expected.corsOrigins = ["https://dashboard.example.com"]
        expected.passwordDenylist = folder.path + "/conf/common.txt"
        expected.metricsToken = "scrape-me"
        expected.webhookSecret = "hooked"
        #expect(config == expected)
    }

    /// Files with one problem each, and the finding each gives (line:column rule message).
    static let problems: [(String, String)] = [
        (
            "projects: [shop]\nprot: 80\n",
            "2:1 schema.unknown-key unknown key 'prot' in a server configuration; allowed keys: projects, host, port, poll, log-level, database, anonymous-read, session-hours, attachment-limit, idle-timeout, request-timeout, access-log, trusted-proxies, cors-origins, password-denylist, metrics-token, webhook-secret"
        ),
        ("host: x\n", "1:1 schema.missing-key the server configuration has no 'projects'; add it"),
        ("projects: []\n", "1:11 schema.type 'projects' lists no case repository; name at least one"),
        ("projects: shop\n", "1:11 schema.type 'projects' must be a list, found a value"),
        ("projects:\n  - [a]\n", "2:5 schema.type a project is the path of a case repository, or a mapping of path, branch and remote; found a list"),
        ("projects:\n  - { branch: main }\n", "2:5 schema.missing-key the project has no 'path'; add it"),
        (
            "projects: [shop]\ntrusted-proxies: [10.0.0.0/33]\n",
            "2:19 schema.type a trusted proxy is an IP address or a range such as 10.0.0.0/8 or fd00::/8"
        ),
        (
            "projects: [shop]\ncors-origins: [dashboard.example.com]\n",
            "2:16 schema.type a CORS origin is a scheme and host with an optional port, such as https://dashboard.example.com"
        ),
        (
            "projects:\n  - { path: a, remot: origin }\n",
            "2:16 schema.unknown-key unknown key 'remot' in a project (did you mean 'remote'?); allowed keys: path, branch, remote"
        ),
        ("projects: [a]\nport: 70000\n", "2:7 schema.type 'port' must be a whole number from 1 to 65535"),
        ("projects: [a]\npoll: soon\n", "2:7 schema.type 'poll' must be a whole number from 0 to 86400"),
        ("projects: [a]\nidle-timeout: 0\n", "2:15 schema.type 'idle-timeout' must be a whole number from 1 to 86400"),
        (
            "projects: [a]\nlog-level: debg\n",
            "2:12 schema.type unknown log level 'debg' (did you mean 'debug'?) (allowed: trace, debug, info, notice, warning, error, critical)"
        ),
        ("projects: [a]\nanonymous-read: yes\n", "2:17 schema.type 'anonymous-read' must be true or false"),
        ("projects: [a]\nhost: [a, b]\n", "2:7 schema.type 'host' must be a text, found a list"),
        ("projects: [a\n", "2:1 yaml.syntax did not find expected ',' or ']' while parsing a flow sequence"),
        ("", "1:1 file.empty the file is empty; fill it in or delete it"),
    ]

    @Test(arguments: problems)
    func everyProblemIsReportedWhereItIsWritten(text: String, finding: String) throws {
        let (_, findings, folder) = try Self.load(text)
        defer { folder.remove() }
        #expect(findings == [finding])
    }

    @Test func aMissingFileCannotBeRead() {
        #expect(throws: CasebookError.unreadable(path: "/nonexistent/server.yaml", reason: "no such file")) {
            _ = try ServerConfig.load(path: "/nonexistent/server.yaml")
        }
    }
}
