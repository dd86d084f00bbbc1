import CasebookCore
import Hummingbird

/// An RFC 9457 problem: every error the API answers with is one, as `application/problem+json`.
struct Problem: Error, HTTPResponseError, Sendable {
    /// What went wrong, stable for clients to branch on: the last part of `type`.
    enum Kind: String, Sendable {
        case notFound = "not-found"
        case unreadableRevision = "unreadable-revision"
        case badParameter = "bad-parameter"
        case internalError = "internal-error"
        case httpError = "http-error"
    }

    var status: HTTPResponse.Status
    var kind: Kind
    var title: String
    var detail: String
    /// Extension members, such as the parameter a 400 is about.
    var extensions: [(String, String)] = []

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

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var members: [(String, JSONText)] = [
            ("type", .string("urn:casebook:problem:\(kind.rawValue)")),
            ("title", .string(title)),
            ("status", .number(status.code)),
            ("detail", .string(detail)),
            ("instance", .string(request.uri.path)),
        ]
        members += extensions.map { ($0.0, .string($0.1)) }
        return Response(status: status, headers: [.contentType: "application/problem+json"], body: .init(byteBuffer: ByteBuffer(string: JSONText.object(members).serialized)))
    }
}
