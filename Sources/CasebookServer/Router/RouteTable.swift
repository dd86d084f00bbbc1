/// The routes the server answers: what the OpenAPI test holds against the document, and which
/// methods a request path takes, for a 405's `Allow`.
struct RouteTable: Sendable {
    /// Method and path of each route as ``Endpoints`` took it: `{name}` is one segment, a
    /// trailing `{name+}` the rest of the path.
    let routes: [(method: String, path: String)]

    /// Method and OpenAPI path (`{name}` for every parameter) of each route.
    var documented: [(method: String, path: String)] {
        routes.map { ($0.method, $0.path.replacingOccurrences(of: "+}", with: "}")) }
    }

    /// The methods some route takes at `path` (HEAD wherever GET), in a fixed order; none when
    /// no route has the path.
    func methods(at path: String) -> [String] {
        let parts = path.split(separator: "/")
        let taken = Set(routes.filter { Self.route($0.path, matches: parts) }.map(\.method))
        return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter { taken.contains($0) || ($0 == "HEAD" && taken.contains("GET")) }
    }

    private static func route(_ route: String, matches parts: [Substring]) -> Bool {
        let pattern = route.split(separator: "/")
        for (index, segment) in pattern.enumerated() {
            let parameter = segment.hasPrefix("{") && segment.hasSuffix("}")
            if parameter, segment.hasSuffix("+}") { return parts.count > index }
            guard index < parts.count, parameter || segment == parts[index] else { return false }
        }
        return pattern.count == parts.count
    }
}
