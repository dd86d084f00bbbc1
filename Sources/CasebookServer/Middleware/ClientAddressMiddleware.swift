import CasebookCore
import HTTPTypes
import Hummingbird

/// Behind a proxy, the client is the address the proxy names in `X-Forwarded-For`, but only a
/// trusted proxy's word is taken: anyone can send the header. Reading the hops from the right,
/// the first address that is not a trusted proxy is the client.
struct ClientAddressMiddleware: RouterMiddleware {
    let trusted: [AddressRange]

    func handle(_ request: Request, context: CasebookRequestContext, next: (Request, CasebookRequestContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if isTrusted(context.clientAddress) {
            let hops = request.headers[values: .forwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            for hop in hops.reversed() where !hop.isEmpty {
                context.clientAddress = hop
                if !isTrusted(hop) { break }
            }
        }
        return try await next(request, context)
    }

    private func isTrusted(_ address: String) -> Bool {
        trusted.contains { $0.contains(address) }
    }
}

extension HTTPField.Name {
    /// The client and the proxies a request passed through, left to right.
    static let forwardedFor = Self("X-Forwarded-For")!
}
