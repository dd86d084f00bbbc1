import CasebookYAML

/// Maps a server configuration file to ``ServerConfig``, reporting every unknown key, wrong type
/// and value out of range where it is written.
enum ServerConfigMapper {
    static let keys = [
        "projects", "host", "port", "poll", "log-level", "database", "anonymous-read", "session-hours", "attachment-limit", "idle-timeout",
        "request-timeout", "access-log",
        "trusted-proxies", "cors-origins", "password-denylist", "metrics-token", "webhook-secret",
    ]
    static let projectKeys = ["path", "branch", "remote"]

    static func map(_ root: Node, findings: FileFindings) -> ServerConfig {
        var config = ServerConfig()
        guard let reader = MappingReader(root, what: "server configuration", keys: keys, required: ["projects"], findings: findings) else {
            return config
        }
        config.projects = reader.list("projects") { project($0, findings: findings) } ?? []
        if let list = reader["projects"], list.sequence?.isEmpty == true {
            findings.report(.schemaType, at: list.mark, "'projects' lists no case repository; name at least one")
        }
        config.host = reader.text("host")
        config.port = integer(reader, "port", in: 1...65535, findings: findings)
        config.poll = integer(reader, "poll", in: 0...86_400, findings: findings)
        if let level = reader.located("log-level") {
            if ServerConfig.logLevels.contains(level.value) {
                config.logLevel = level.value
            } else {
                let hint = Suggestion.hint(for: level.value, in: ServerConfig.logLevels)
                findings.report(
                    .schemaType, at: level.mark,
                    "unknown log level '\(level.value)'\(hint) (allowed: \(ServerConfig.logLevels.joined(separator: ", ")))")
            }
        }
        config.database = reader.text("database")
        config.anonymousRead = reader.boolean("anonymous-read")
        config.sessionHours = integer(reader, "session-hours", in: 1...8_760, findings: findings)
        config.attachmentLimit = integer(reader, "attachment-limit", in: 1...4_096, findings: findings)
        config.idleTimeout = integer(reader, "idle-timeout", in: 1...86_400, findings: findings)
        config.requestTimeout = integer(reader, "request-timeout", in: 1...86_400, findings: findings)
        config.accessLog = reader.text("access-log")
        config.trustedProxies =
            reader.list("trusted-proxies") { node in
                guard let text = node.scalar?.value, let range = AddressRange(text) else {
                    findings.report(.schemaType, at: node.mark, "a trusted proxy is an IP address or a range such as 10.0.0.0/8 or fd00::/8")
                    return nil
                }
                return range
            } ?? []
        config.corsOrigins =
            reader.list("cors-origins") { node in
                guard let text = node.scalar?.value, let origin = CORSOrigin.normalized(text) else {
                    findings.report(
                        .schemaType, at: node.mark, "a CORS origin is a scheme and host with an optional port, such as https://dashboard.example.com")
                    return nil
                }
                return origin
            } ?? []
        config.passwordDenylist = reader.text("password-denylist")
        config.metricsToken = reader.text("metrics-token")
        config.webhookSecret = reader.text("webhook-secret")
        return config
    }

    /// A project: its path alone, or a mapping of path, branch and remote.
    private static func project(_ node: Node, findings: FileFindings) -> ProjectSource? {
        if let scalar = node.scalar, !scalar.isNull { return ProjectSource(path: scalar.value) }
        guard node.mapping != nil else {
            findings.report(
                .schemaType, at: node.mark,
                "a project is the path of a case repository, or a mapping of path, branch and remote; found \(node.kindDescription)")
            return nil
        }
        guard let reader = MappingReader(node, what: "project", keys: projectKeys, required: ["path"], findings: findings),
            let path = reader.text("path")
        else { return nil }
        return ProjectSource(path: path, branch: reader.text("branch"), remote: reader.text("remote"))
    }

    private static func integer(_ reader: MappingReader, _ key: String, in range: ClosedRange<Int>, findings: FileFindings) -> Int? {
        guard let node = reader[key] else { return nil }
        guard let value = ScalarTypes.integer(node), range.contains(value) else {
            findings.report(.schemaType, at: node.mark, "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }
}
