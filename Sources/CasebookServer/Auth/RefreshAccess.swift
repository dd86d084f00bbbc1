import CasebookCore
import CasebookStore
import HTTPTypes
import Hummingbird

/// Who may make a project look at git now (`POST …/refresh`): a repository webhook that proves
/// it knows `--webhook-secret` (GitHub's `X-Hub-Signature-256`, an HMAC of the body; GitLab's
/// `X-Gitlab-Token`), or a request with a token that writes.
struct RefreshAccess: Sendable {
    let auth: AuthMiddleware
    let webhookSecret: String?
    /// The largest webhook body read to check its signature (GitHub sends up to 25 MB).
    static let bodyLimit = 25 * 1024 * 1024

    /// Returns when `request` may refresh `project`; throws 401, 403 or (a project the token's
    /// user may not read) 404 when it may not.
    func check(_ request: Request, project: String) async throws {
        if let secret = webhookSecret {
            if let signature = request.headers[.hubSignature] {
                let body = try await request.body.collect(upTo: Self.bodyLimit)
                let expected = "sha256=" + HMAC.sha256(key: Array(secret.utf8), message: Array(body.readableBytesView)).withUnsafeBytes(Hex.lowercase)
                guard HMAC.constantTimeEqual(Array(signature.lowercased().utf8), Array(expected.utf8)) else {
                    throw Problem.unauthorized("X-Hub-Signature-256 does not match the body signed with the webhook secret")
                }
                return
            }
            if let token = request.headers[.gitlabToken] {
                guard HMAC.constantTimeEqual(Array(token.utf8), Array(secret.utf8)) else {
                    throw Problem.unauthorized("X-Gitlab-Token is not the webhook secret")
                }
                return
            }
        }
        guard let principal = try await auth.principal(of: request).scoped(to: project) else { throw Problem.notFound("project", project) }
        guard principal.canWrite, principal.role != .viewer else {
            throw Problem(StoreError.forbidden("a refresh takes a token that writes, or a webhook signed with the webhook secret"))
        }
    }
}

extension HTTPField.Name {
    /// GitHub's webhook signature: `sha256=` and the HMAC-SHA-256 of the body in hexadecimal.
    static let hubSignature = Self("X-Hub-Signature-256")!
    /// GitLab's webhook secret, sent as it is.
    static let gitlabToken = Self("X-Gitlab-Token")!
}
