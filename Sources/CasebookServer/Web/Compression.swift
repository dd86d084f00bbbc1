import CompressNIO
import Hummingbird
import NIOCore

/// gzip for pages and their assets, when the browser takes it and the body is worth it.
enum Compression {
    /// Bodies shorter than this go as they are: the gzip header would eat the saving.
    static let threshold = 1024

    /// Whether `Accept-Encoding` takes gzip (and does not refuse it with `q=0`).
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        return header.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && !$0.contains("q=0.") }
        }
    }

    /// `bytes` gzipped, or `nil` when they are too short to be worth it.
    static func gzip(_ bytes: ByteBuffer) -> ByteBuffer? {
        guard bytes.readableBytes >= threshold else { return nil }
        var input = bytes
        return try? input.compress(with: .gzip())
    }

    /// A body with its `Content-Encoding`: gzipped when `gzip` is set and it pays.
    static func body(_ bytes: ByteBuffer, gzip: Bool, headers: inout HTTPFields) -> ResponseBody {
        headers[.vary] = "Accept-Encoding"
        if gzip, let compressed = Self.gzip(bytes) {
            headers[.contentEncoding] = "gzip"
            return ResponseBody(byteBuffer: compressed)
        }
        return ResponseBody(byteBuffer: bytes)
    }
}
