import Foundation
import Hummingbird

/// Conditional reads: an answer's `ETag` against the request's `If-None-Match`.
enum ETag {
    /// 304 with `tag` when the request's `If-None-Match` names it: check it before costly work.
    static func notModified(_ request: Request, tag: String) -> Response? {
        guard let match = request.headers[.ifNoneMatch], matches(match, tag) else { return nil }
        return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
    }

    /// Whether an `If-None-Match` value (`*`, or a list of tags, weak or strong) names `tag`.
    private static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }
}
