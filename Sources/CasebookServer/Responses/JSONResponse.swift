import CasebookCore
import Foundation
import Hummingbird

/// A JSON object answer that is not tied to a snapshot (accounts, runs, results): never cached.
enum JSONResponse {
    static func make(_ members: [(String, JSONText)]) -> Response {
        make(.ok, members)
    }

    static func make(_ status: HTTPResponse.Status, _ members: [(String, JSONText)]) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(json: JSONText.object(members)))
    }

    /// 204, for a deletion or a logout.
    static var noContent: Response {
        Response(status: .noContent)
    }
}

extension JSONText {
    /// The date-time, or `null`.
    static func date(_ date: Date?) -> JSONText {
        date.map { .string(ISO8601.string($0)) } ?? .null
    }

    /// The number, or `null`.
    static func optional(_ number: Int64?) -> JSONText {
        number.map { .number(Int($0)) } ?? .null
    }

    /// The number, or `null`.
    static func optional(_ number: Double?) -> JSONText {
        number.map(JSONText.decimal) ?? .null
    }
}

extension ResponseBody {
    /// A body of compact JSON text.
    init(json: JSONText) {
        self.init(byteBuffer: ByteBuffer(bytes: json.utf8))
    }
}
