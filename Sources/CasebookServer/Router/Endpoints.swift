import Hummingbird

/// The routes of the API, added through here so that the list of what the server answers is
/// known (``RouteTable``): the OpenAPI test holds it against `schemas/openapi.yaml`, and a
/// method a path does not take is a 405 that says which it does.
final class Endpoints {
    typealias Handler = @Sendable (Request, CasebookRequestContext) async throws -> Response

    let collection = RouteCollection(context: CasebookRequestContext.self)
    /// Method and path of each route, in the order added.
    private(set) var routes: [(method: String, path: String)] = []
    private let base: String

    /// Routes below `base` (like `/api/v1`); paths passed to ``get(_:_:)``, ``post(_:_:)`` and the others are relative to it.
    init(base: String) {
        self.base = base
    }

    /// A route; `{name}` is a parameter, a trailing `{path+}` takes the rest of the path.
    func get(_ path: String, _ handler: @escaping Handler) {
        add(.get, path, handler)
    }

    func post(_ path: String, _ handler: @escaping Handler) {
        add(.post, path, handler)
    }

    func put(_ path: String, _ handler: @escaping Handler) {
        add(.put, path, handler)
    }

    func patch(_ path: String, _ handler: @escaping Handler) {
        add(.patch, path, handler)
    }

    func delete(_ path: String, _ handler: @escaping Handler) {
        add(.delete, path, handler)
    }

    private func add(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        let routerPath = path.replacingOccurrences(of: "{path+}", with: "**")
        collection.on(RouterPath(routerPath), method: method) { request, context in
            var context = context
            context.coreContext.parameters = try PercentDecoding.parameters(context.parameters)
            // In a request about one project, the principal acts with its role there; a project
            // it may not read is as unknown as one that does not exist.
            if let key = context.parameters.get("key"), let principal = context.principal {
                guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
                context.principal = scoped
            }
            return try await handler(request, context)
        }
        routes.append((method.rawValue, base + path))
    }
}
