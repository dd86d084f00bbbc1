import CasebookStore
import Hummingbird
import NIOCore

/// The request context of every Casebook route: who the request acts as, once
/// ``AuthMiddleware`` has read its token, and the client's address.
struct CasebookRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The signed-in user, API token or anonymous reader; `nil` before authentication and on
    /// routes that need none.
    var principal: Principal?
    /// The client's IP address, for rate limiting logins: the connection's, or the one a trusted
    /// proxy names (``ClientAddressMiddleware``).
    var clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The principal, which every `/api/v1` route but login has.
    var requirePrincipal: Principal {
        get throws(Problem) {
            guard let principal else { throw Problem.unauthorized("sign in: send Authorization: Bearer TOKEN") }
            return principal
        }
    }
}
