import CasebookCore
import CasebookStore
import Hummingbird
import Logging
import NIOCore

/// How `casebook serve` runs.
package struct ServerOptions: Sendable {
    package var projects: [ProjectSource]
    package var host: String
    package var port: Int
    /// How often the tracked branches are polled; `nil`: only on `POST …/refresh`.
    package var pollInterval: Duration?
    package var logLevel: Logger.Level
    /// The sidecar database file; attachments go in `attachments/` beside it.
    package var database: String
    /// Whether GET requests without a token are served (as an anonymous viewer).
    package var anonymousRead: Bool
    /// How long a login session lasts.
    package var sessionLifetime: Duration
    /// The largest attachment taken, in bytes.
    package var attachmentLimit: Int
    /// bcrypt's cost for new passwords.
    package var passwords: PasswordPolicy
    /// How long a connection may stay idle between requests (or while a request is sent) before
    /// it is closed. Behind a load balancer it must be longer than the balancer's own.
    package var idleTimeout: Duration
    /// How long a request may take to arrive whole, head and body: slower senders get 408.
    package var requestTimeout: Duration
    /// Where the access log (a line per request) goes.
    package var accessLog: AccessLogDestination
    /// Proxies whose `X-Forwarded-For` names the client (for login throttling and the log).
    package var trustedProxies: [AddressRange] = []
    /// Origins whose pages may call the API from a browser.
    package var corsOrigins: [String] = []
    /// A token `/metrics` takes besides the rule of reads.
    package var metricsToken: String?
    /// The secret repository webhooks sign `…/refresh` with.
    package var webhookSecret: String?
    /// Whether the session cookie is `Secure` on every page (behind a proxy that ends HTTPS);
    /// it is on pages asked for over HTTPS anyway.
    package var secureCookies = false

    package init(
        projects: [ProjectSource], host: String = "127.0.0.1", port: Int = 8080, pollInterval: Duration? = .seconds(10),
        logLevel: Logger.Level = .info,
        database: String = ".casebook/casebook.sqlite", anonymousRead: Bool = false, sessionLifetime: Duration = .seconds(12 * 3600),
        attachmentLimit: Int = 25 * 1024 * 1024, passwords: PasswordPolicy = PasswordPolicy(), idleTimeout: Duration = .seconds(75),
        requestTimeout: Duration = .seconds(60), accessLog: AccessLogDestination = .standardOutput
    ) {
        self.projects = projects
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.logLevel = logLevel
        self.database = database
        self.anonymousRead = anonymousRead
        self.sessionLifetime = sessionLifetime
        self.attachmentLimit = attachmentLimit
        self.passwords = passwords
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
        self.accessLog = accessLog
    }
}

/// The Casebook HTTP application: opens the sidecar database and every project (building its
/// first snapshot), then serves the API, health, metrics and the OpenAPI document, polling the
/// tracked branches.
package func buildApplication(_ options: ServerOptions) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "casebook")
    logger.logLevel = options.logLevel
    var opened: [Project] = []
    for source in options.projects {
        do {
            opened.append(try await Project.open(source))
        } catch {
            throw ServerError.unreadableProject(path: source.path, reason: "\(error)")
        }
    }
    let projects = try ProjectRegistry(opened)
    let database: AppDatabase
    do {
        database = try AppDatabase.open(path: options.database, passwords: options.passwords)
    } catch {
        throw ServerError.unreadableDatabase(path: options.database, reason: "\(error)")
    }
    if try await database.users().isEmpty {
        logger.notice(
            "no users yet: create the first admin with `casebook user add --admin NAME --database \(options.database)`, then POST /api/v1/auth/login")
    }
    let accessLog = try AccessLog(options.accessLog)
    let (router, _) = buildRouter(projects: projects, database: database, options: options, accessLog: accessLog)
    var app = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [RequestDeadlineHandler(timeout: TimeAmount(options.requestTimeout))],
                idleTimeout: TimeAmount(options.idleTimeout))),
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "casebook"), logger: logger)
    if let accessLog { app.addServices(AccessLogFlusher(log: accessLog)) }
    if let interval = options.pollInterval {
        app.addServices(RepositoryPoller(projects: projects, interval: interval, logger: logger))
    }
    return app
}

/// The router of every route, and the table of those routes; each request is written to
/// `accessLog`, when there is one.
func buildRouter(
    projects: ProjectRegistry, database: AppDatabase, options: ServerOptions, accessLog: AccessLog? = nil
) -> (Router<CasebookRequestContext>, RouteTable) {
    let metrics = ServerMetrics()
    let storage = StorageHealth()
    let throttle = LoginThrottle()
    let auth = AuthController(database: database, throttle: throttle, sessionLifetime: options.sessionLifetime)
    let authentication = AuthMiddleware(database: database, anonymousRead: options.anonymousRead)
    let open = Endpoints(base: "/api/v1")
    auth.addLogin(to: open)
    ProjectsController(projects: projects).addRefresh(to: open, access: RefreshAccess(auth: authentication, webhookSecret: options.webhookSecret))
    let api = Endpoints(base: "/api/v1")
    api.collection.add(middleware: authentication)
    auth.add(to: api, projects: projects)
    TokensController(projects: projects, database: database).add(to: api)
    UsersController(database: database).add(to: api)
    AuditController(database: database).add(to: api)
    ProjectsController(projects: projects).add(to: api)
    DiffController(projects: projects).add(to: api)
    CasesController(projects: projects).add(to: api)
    RunsController(projects: projects, database: database).add(to: api)
    RequirementsController(projects: projects, database: database).add(to: api)
    ReportController(projects: projects, database: database).add(to: api)
    MembersController(projects: projects, database: database).add(to: api)
    DiscussionController(projects: projects, database: database, attachmentLimit: options.attachmentLimit).add(to: api)
    let operations = Endpoints(base: "")
    OperationsController(projects: projects, metrics: metrics, storage: storage, auth: authentication, metricsToken: options.metricsToken).add(
        to: operations)
    let pages = Endpoints(base: "")
    WebController(
        projects: projects, database: database, throttle: throttle, anonymousRead: options.anonymousRead, sessionLifetime: options.sessionLifetime,
        secureCookies: options.secureCookies
    ).add(to: pages)
    let table = RouteTable(routes: open.routes + api.routes + operations.routes)
    // The router's middleware wraps the routes added after it: add it first.
    let router = Router(context: CasebookRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware(metrics: metrics, accessLog: accessLog))
    if !options.trustedProxies.isEmpty { router.add(middleware: ClientAddressMiddleware(trusted: options.trustedProxies)) }
    // Outside the problem middleware: an error's answer carries the CORS headers too.
    if !options.corsOrigins.isEmpty { router.add(middleware: CORSMiddleware(origins: options.corsOrigins)) }
    router.add(middleware: ProblemMiddleware(routes: table, storage: storage))
    router.addRoutes(open.collection, atPath: "/api/v1")
    router.addRoutes(api.collection, atPath: "/api/v1")
    router.addRoutes(operations.collection)
    router.addRoutes(pages.collection)
    return (router, table)
}
