import CasebookCore
import Hummingbird

/// Links to the page asked for with some query parameters changed: a sort or a page of a
/// filtered list keeps its filters.
enum QueryLink {
    /// The request's query parameters, percent-decoded, without empty values, in order.
    static func pairs(_ request: Request) -> [(String, String)] {
        (request.uri.query ?? "").split(separator: "&").compactMap { part in
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2, let name = PercentDecoding.decode(halves[0], plusIsSpace: true),
                let value = PercentDecoding.decode(halves[1], plusIsSpace: true), !value.isEmpty
            else { return nil }
            return (name, value)
        }
    }

    /// The request's path and query with each parameter of `changes` set to its value (or removed,
    /// for `nil`); the others kept.
    static func link(_ request: Request, setting changes: [String: String?]) -> String {
        var pairs = pairs(request).filter { changes[$0.0] == nil }
        for name in changes.keys.sorted() {
            if let value = changes[name], let value { pairs.append((name, value)) }
        }
        let query = pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        return request.uri.path + (query.isEmpty ? "" : "?" + query)
    }

    private static func encode(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: "/:,-._~")
    }
}
