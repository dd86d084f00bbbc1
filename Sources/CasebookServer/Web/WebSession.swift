import CasebookCore
import CasebookStore
import HTTPTypes
import Hummingbird

/// A page request's session: the API's login session, carried in a cookie, and the CSRF token
/// every form that changes something carries (derived from the session's secret, which a page
/// of another site cannot read).
struct WebSession: Sendable {
    static let cookieName = "casebook_session"

    /// The session token the request's cookie carries.
    static func token(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName { return String(parts[1]) }
            }
        }
        return nil
    }

    /// The CSRF token of the session `token`.
    static func csrf(for token: String) -> String {
        String(SHA256.hex(Array(("casebook csrf\n" + token).utf8)).prefix(32))
    }

    /// Whether `sent` is the CSRF token of the session `token` (compared in constant time).
    static func checks(_ sent: String?, token: String) -> Bool {
        guard let sent else { return false }
        return HMAC.constantTimeEqual(Array(sent.utf8), Array(csrf(for: token).utf8))
    }

    /// The `Set-Cookie` value carrying `token` (or clearing the cookie); `Secure` when the page
    /// was asked for over HTTPS or `secure` is set.
    static func cookie(_ token: String?, request: Request, secure: Bool, maxAge: Int) -> String {
        let https = secure || request.uri.scheme == .https || request.headers[.forwardedProto]?.lowercased() == "https"
        return "\(cookieName)=\(token ?? ""); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(token == nil ? 0 : maxAge)" + (https ? "; Secure" : "")
    }
}

extension HTTPField.Name {
    /// The CSRF token of a write to the API signed in by the session cookie.
    static let csrfToken = Self("X-CSRF-Token")!

    /// The scheme a proxy received the request over.
    static let forwardedProto = Self("X-Forwarded-Proto")!
}
