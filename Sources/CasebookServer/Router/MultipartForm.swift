import MultipartKit
import NIOCore

/// The file part of a `multipart/form-data` body (RFC 7578): the first part with a file name.
/// multipart-kit splits the body; this picks the part and reads its headers.
struct MultipartFile {
    var fileName: String
    var mediaType: String
    var bytes: [UInt8]

    /// Finds the file part of `body`, delimited by `boundary`.
    init(_ body: [UInt8], boundary: String) throws(Problem) {
        guard (1...70).contains(boundary.utf8.count) else {
            throw .malformedBody("the multipart boundary must be 1 to 70 characters long (RFC 2046)")
        }
        var parts: [Part] = []
        var current = Part()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in current.headers.append((name, value)) }
        parser.onBody = { buffer in current.body.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            parts.append(current)
            current = Part()
        }
        do {
            try parser.execute(body)
        } catch {
            throw .malformedBody("the multipart body is malformed: each part needs a delimiter line \"--\(boundary)\", header lines and a blank line before its content")
        }
        guard current.headers.isEmpty, current.body.isEmpty else {
            throw .malformedBody("the multipart body does not end with its closing delimiter \"--\(boundary)--\"")
        }
        for part in parts {
            var fileName: String?
            var mediaType = "application/octet-stream"
            for (name, value) in part.headers {
                switch name.lowercased() {
                case "content-disposition": fileName = ContentDisposition.fileName(value)
                case "content-type": mediaType = value
                default: break
                }
            }
            if let fileName {
                self.fileName = fileName
                self.mediaType = mediaType
                self.bytes = part.body
                return
            }
        }
        throw .malformedBody("the multipart body has no file part (a part with Content-Disposition: form-data; name=\"file\"; filename=\"…\")")
    }

    /// One part as the parser hands it over.
    private struct Part {
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }
}
