import CasebookCore
import HTTPTypes
import Hummingbird
import Logging

/// Gives every response its request id (`X-Request-Id`), writes one line per request to the
/// access log (unless it is off) and counts the request in the metrics.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    let metrics: ServerMetrics
    let accessLog: AccessLog?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        let seconds = (ContinuousClock.now - started).inSeconds
        response.headers[Self.requestIDHeader] = context.id
        let route = context.endpointPath ?? "unmatched"
        metrics.record(route: route, method: request.method.rawValue, status: response.status.code, seconds: seconds)
        accessLog?.record(
            method: request.method.rawValue, path: request.uri.path, status: response.status.code, seconds: seconds, requestID: context.id)
        return response
    }
}
