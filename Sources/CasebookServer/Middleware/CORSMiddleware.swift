import HTTPTypes
import Hummingbird

/// Cross-origin reads and writes for dashboards served from another origin: a browser's
/// preflight is answered, and responses carry `Access-Control-Allow-Origin`, for the origins of
/// `--cors-origin` only. Credentials are bearer tokens the page sends, never cookies.
struct CORSMiddleware: RouterMiddleware {
    let origins: [String]
    static let methods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let requestHeaders = "Authorization, Content-Type, If-None-Match, If-Match"
    static let exposedHeaders = "ETag, Location, Retry-After, X-Request-Id, Link"

    func handle(_ request: Request, context: CasebookRequestContext, next: (Request, CasebookRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains(origin.lowercased())
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                throw Problem(
                    status: .forbidden, kind: .forbidden, title: "Origin not allowed",
                    detail: "the origin \(origin) may not call this API from a browser")
            }
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .accessControlAllowMethods: Self.methods, .accessControlAllowHeaders: Self.requestHeaders,
                    .accessControlMaxAge: "600", .vary: "Origin",
                ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
            response.headers.append(HTTPField(name: .vary, value: "Origin"))
        }
        return response
    }
}
