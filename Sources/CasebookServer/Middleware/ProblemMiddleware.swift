import CasebookGit
import CasebookStore
import Hummingbird
import NIOCore
import NIOHTTP1

/// Turns every error into an RFC 9457 problem response: a ``Problem`` as it is, Hummingbird's
/// own errors (no such route, body too large…) with their status, a method a path does not take
/// as a 405 with `Allow`, a body the client broke off or mangled as a client error, a full or
/// read-only storage as a 503, anything else as a 500 that gives the request id and logs the
/// error, never a stack trace.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable
    let storage: StorageHealth

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            if request.method != .get, request.method != .head, response.status.code < 300 { storage.wrote() }
            return response
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as StoreError {
            return try Problem(error).response(from: request, context: context)
        } catch let error as GitError {
            context.logger.warning("git read failed", metadata: ["error": "\(error)"])
            return try Problem(error).response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            if error.status == .notFound, case let allowed = routes.methods(at: request.uri.path), !allowed.isEmpty,
                !allowed.contains(request.method.rawValue)
            {
                return try Problem.methodNotAllowed(request.method.rawValue, request.uri.path, allowed: allowed).response(
                    from: request, context: context)
            }
            let problem = Problem(
                status: error.status, kind: error.status == .notFound ? .notFound : .httpError, title: error.status.reasonPhrase,
                detail: error.status == .notFound ? "no route \(request.method.rawValue) \(request.uri.path)" : "\(error)")
            return try problem.response(from: request, context: context)
        } catch let error as HTTPParserError {
            // Malformed chunks, or the connection closed before the body was whole: Hummingbird
            // answers 400 and closes the connection when the parser's error reaches it.
            context.logger.info("malformed request", metadata: ["error": "\(error)"])
            throw error
        } catch let error as ChannelError {
            context.logger.info("the connection closed before the request arrived whole", metadata: ["error": "\(error)"])
            return try Problem.malformedBody("the connection closed before the request arrived whole").response(from: request, context: context)
        } catch {
            if let fault = StorageFault(error) {
                storage.failed(fault)
                context.logger.error("storage fault", metadata: ["error": "\(String(reflecting: error))"])
                let problem = Problem(
                    status: .serviceUnavailable, kind: .storageUnavailable, title: "Storage unavailable",
                    detail: "\(fault.description): nothing was written; reads go on, try the write again later", headers: [.retryAfter: "60"])
                return try problem.response(from: request, context: context)
            }
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            let problem = Problem(
                status: .internalServerError, kind: .internalError, title: "Internal server error",
                detail: "the server could not answer; the server log has the details under request id \(context.id)")
            return try problem.response(from: request, context: context)
        }
    }
}
