import Hummingbird
import Logging

/// How `casebook serve` runs.
package struct ServerOptions: Sendable {
    package var projects: [ProjectSource]
    package var host: String
    package var port: Int
    /// How often the tracked branches are polled; `nil`: only on `POST …/refresh`.
    package var pollInterval: Duration?
    package var logLevel: Logger.Level

    package init(projects: [ProjectSource], host: String = "127.0.0.1", port: Int = 8080, pollInterval: Duration? = .seconds(10), logLevel: Logger.Level = .info) {
        self.projects = projects
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.logLevel = logLevel
    }
}

/// The Casebook HTTP application: opens every project and builds its first snapshot, then serves
/// the read API, health, metrics and the OpenAPI document, polling the tracked branches.
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
    let (router, _) = buildRouter(projects: projects)
    var app = Application(
        router: router, configuration: .init(address: .hostname(options.host, port: options.port), serverName: "casebook"), logger: logger)
    if let interval = options.pollInterval {
        app.addServices(RepositoryPoller(projects: projects, interval: interval, logger: logger))
    }
    return app
}

/// The router of every route, and the (method, OpenAPI path) of each.
func buildRouter(projects: ProjectRegistry) -> (Router<CasebookRequestContext>, [(method: String, path: String)]) {
    let metrics = ServerMetrics()
    let router = Router(context: CasebookRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())
    let api = Endpoints(base: "/api/v1")
    ProjectsController(projects: projects).add(to: api)
    CasesController(projects: projects).add(to: api)
    let operations = Endpoints(base: "")
    OperationsController(projects: projects, metrics: metrics).add(to: operations)
    router.addRoutes(api.collection, atPath: "/api/v1")
    router.addRoutes(operations.collection)
    return (router, api.documented + operations.documented)
}
