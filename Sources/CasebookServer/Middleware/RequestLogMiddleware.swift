import CasebookCore
import HTTPTypes
import Hummingbird
import Logging

/// Gives every response its request id (`X-Request-Id`), logs one structured line per request
/// and counts it in the metrics.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDHeader: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        let seconds = (ContinuousClock.now - started).inSeconds
        response.headers[Self.requestIDHeader] = context.id
        let route = context.endpointPath ?? "unmatched"
        metrics.record(route: route, method: request.method.rawValue, status: response.status.code, seconds: seconds)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "route": "\(route)",
                "status": "\(response.status.code)", "duration_ms": "\(Int(seconds * 1000))",
            ])
        return response
    }
}
