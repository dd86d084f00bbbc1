import CasebookCore
import Foundation
import Hummingbird

/// A JSON object answer that is not tied to a snapshot (accounts, runs, results): what a write
/// answers is never cached; a read carries an `ETag` of its bytes.
enum JSONResponse {
    static func make(_ members: [(String, JSONText)]) -> Response {
        make(.ok, members)
    }

    /// A read of the sidecar database: its `ETag` is a hash of the answer's bytes, so that a
    /// dashboard polling a run's progress or a list gets 304 until something in it changes.
    /// Private to the client that asked (answers depend on who asks), revalidated on every use.
    static func read(_ request: Request, _ members: [(String, JSONText)]) -> Response {
        let bytes = JSONText.object(members).utf8
        let tag = "\"" + bytes.withUnsafeBufferPointer { FNV1a.hex(bytes: $0) } + "\""
        if let notModified = ETag.notModified(request, tag: tag) { return notModified }
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "private, no-cache", .eTag: tag],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
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
