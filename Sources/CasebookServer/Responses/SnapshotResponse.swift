import CasebookCore
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
        if let notModified = ETag.notModified(request, tag: tag) { return notModified }
        let headers: HTTPFields = [.eTag: tag, .cacheControl: "no-cache", .contentType: "application/json"]
        return Response(status: .ok, headers: headers, body: .init(json: JSONText.object(try members())))
    }

    /// 304 when the request's `If-None-Match` names what it would be answered: check it before costly work.
    static func notModified(_ request: Request, version: String) -> Response? {
        ETag.notModified(request, tag: etag(version: version, uri: request.uri.description))
    }

    /// A strong ETag: 64-bit FNV-1a hashes of the version and of the URL.
    static func etag(version: String, uri: String) -> String {
        "\"" + FNV1a.hex(version) + "-" + FNV1a.hex(uri) + "\""
    }
}
