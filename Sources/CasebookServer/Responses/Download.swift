import Hummingbird

/// A file to download: an attachment with its name, never cached.
enum Download {
    static func response(_ bytes: ByteBuffer, type: String, file: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: bytes))
    }
}
