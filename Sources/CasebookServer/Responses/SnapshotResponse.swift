import CasebookCore
import Foundation
import Hummingbird

/// Answers a read from a snapshot: a JSON object that starts with the commit it was served from,
/// an `ETag` made of that commit and the request's URL, and 304 when `If-None-Match` has it.
enum SnapshotResponse {
    static func json(_ request: Request, _ served: ServedSnapshot, _ members: () throws -> [(String, JSONText)]) rethrows -> Response {
        try json(request, version: served.commit.id) { [("commit", served.commitJSON)] + (try members()) }
    }

    /// A JSON object whose content is determined by `version` (commit ids) and the request's URL.
    static func json(_ request: Request, version: String, _ members: () throws -> [(String, JSONText)]) rethrows -> Response {
        let tag = etag(version: version, uri: request.uri.description)
        if let notModified = notModified(request, tag: tag) { return notModified }
        let headers: HTTPFields = [.eTag: tag, .cacheControl: "no-cache", .contentType: "application/json"]
        return Response(status: .ok, headers: headers, body: .init(json: JSONText.object(try members())))
    }

    /// 304 when the request's `If-None-Match` names what it would be answered: check it before costly work.
    static func notModified(_ request: Request, version: String) -> Response? {
        notModified(request, tag: etag(version: version, uri: request.uri.description))
    }

    private static func notModified(_ request: Request, tag: String) -> Response? {
        guard let match = request.headers[.ifNoneMatch], matches(match, tag) else { return nil }
        return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
    }

    /// A strong ETag: 64-bit FNV-1a hashes of the version and of the URL.
    static func etag(version: String, uri: String) -> String {
        "\"" + FNV1a.hex(version) + "-" + FNV1a.hex(uri) + "\""
    }

    /// Whether an `If-None-Match` value (`*`, or a list of tags, weak or strong) names `tag`.
    private static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }
}
