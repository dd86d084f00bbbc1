import CasebookCore
import CasebookGit
import CasebookStore
import Hummingbird

/// An RFC 9457 problem: every error the API answers with is one, as `application/problem+json`.
package struct Problem: Error, HTTPResponseError, Sendable {
    /// What went wrong, stable for clients to branch on: the last part of `type`.
    enum Kind: String, Sendable {
        case notFound = "not-found"
        case unreadableRevision = "unreadable-revision"
        case badParameter = "bad-parameter"
        case malformedBody = "malformed-body"
        case invalidValue = "invalid-value"
        case unauthorized = "unauthorized"
        case forbidden = "forbidden"
        case conflict = "conflict"
        case tooManyRequests = "too-many-requests"
        case unsupportedMediaType = "unsupported-media-type"
        case methodNotAllowed = "method-not-allowed"
        case requestTimeout = "request-timeout"
        case storageUnavailable = "storage-unavailable"
        case repositoryUnavailable = "repository-unavailable"
        case internalError = "internal-error"
        case httpError = "http-error"
    }

    package var status: HTTPResponse.Status
    var kind: Kind
    var title: String
    var detail: String
    /// Extension members, such as the parameter a 400 is about.
    var extensions: [(String, String)] = []
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    /// 404 for something the request named that does not exist.
    static func notFound(_ what: String, _ name: String) -> Problem {
        Problem(status: .notFound, kind: .notFound, title: "Not found", detail: "no \(what) '\(name)'", extensions: [(what, name)])
    }

    /// 422 for a revision that exists but holds no readable case repository.
    static func unreadableRevision(_ revision: String, reason: String) -> Problem {
        Problem(
            status: .unprocessableContent, kind: .unreadableRevision, title: "Revision holds no case repository",
            detail: "cannot read the case repository at '\(revision)': \(reason)", extensions: [("ref", revision)])
    }

    /// 400 for a query parameter whose value cannot be used.
    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(status: .badRequest, kind: .badParameter, title: "Bad query parameter", detail: detail, extensions: [("parameter", name)])
    }

    /// 400 for a body that is not the JSON (or XML) the route takes.
    static func malformedBody(_ detail: String) -> Problem {
        Problem(status: .badRequest, kind: .malformedBody, title: "Malformed request body", detail: detail)
    }

    /// 422 for a well-formed body with a value that cannot be used: an unknown status, case,
    /// device or plan.
    static func invalidValue(_ field: String, _ detail: String) -> Problem {
        Problem(status: .unprocessableContent, kind: .invalidValue, title: "Invalid value", detail: detail, extensions: [("field", field)])
    }

    /// 401, with the challenge that tells clients to send a bearer token.
    static func unauthorized(_ detail: String) -> Problem {
        Problem(
            status: .unauthorized, kind: .unauthorized, title: "Unauthorized", detail: detail,
            headers: [.wwwAuthenticate: "Bearer realm=\"casebook\""])
    }

    /// 415 for a body of a media type the route does not take.
    static func unsupportedMediaType(_ detail: String) -> Problem {
        Problem(status: .unsupportedMediaType, kind: .unsupportedMediaType, title: "Unsupported media type", detail: detail)
    }

    /// 405 for a method that no route of the path takes; `Allow` lists those that do.
    static func methodNotAllowed(_ method: String, _ path: String, allowed: [String]) -> Problem {
        Problem(
            status: .methodNotAllowed, kind: .methodNotAllowed, title: "Method not allowed",
            detail: "\(path) does not take \(method); it takes \(allowed.joined(separator: ", "))", extensions: [("method", method)],
            headers: [.allow: allowed.joined(separator: ", ")])
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var members: [(String, JSONText)] = [
            ("type", .string("urn:casebook:problem:\(kind.rawValue)")),
            ("title", .string(title)),
            ("status", .number(status.code)),
            ("detail", .string(detail)),
            ("instance", .string(request.uri.path)),
        ]
        members += extensions.map { ($0.0, .string($0.1)) }
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(json: JSONText.object(members)))
    }
}

extension Problem {
    /// The problem a failed git read means: 404 for a revision or path that is not there, 503
    /// (with the reason) for a repository that cannot be read.
    init(_ error: GitError) {
        switch error {
        case .unknownRevision(let revision):
            self = Problem(status: .notFound, kind: .notFound, title: "Not found", detail: error.description, extensions: [("ref", revision)])
        case .pathNotFound:
            self = Problem(status: .notFound, kind: .notFound, title: "Not found", detail: error.description)
        case .notARepository, .failed:
            self = Problem(
                status: .serviceUnavailable, kind: .repositoryUnavailable, title: "Repository unavailable",
                detail: "the case repository cannot be read: \(error.description)", headers: [.retryAfter: "60"])
        }
    }

    /// The problem a store error means.
    init(_ error: StoreError) {
        switch error {
        case .notFound(let what, let id):
            self = .notFound(what, id)
        case .conflict(let message):
            self = Problem(status: .conflict, kind: .conflict, title: "Conflict", detail: message)
        case .invalid(let field, let message):
            self = .invalidValue(field, message)
        case .forbidden(let message):
            self = Problem(status: .forbidden, kind: .forbidden, title: "Forbidden", detail: message)
        case .unauthorized(let message):
            self = .unauthorized(message)
        }
    }
}
