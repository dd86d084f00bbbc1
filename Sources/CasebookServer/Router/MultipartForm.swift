import Foundation

/// The file part of a `multipart/form-data` body (RFC 7578): the first part with a file name.
///
/// Split here rather than by vapor/multipart-kit 4.7.1: the fuzzer found that it stops the
/// process on a header name with a byte past ASCII (its table of name characters has 128 entries).
package struct MultipartFile {
    var fileName: String
    var mediaType: String
    var bytes: [UInt8]

    /// Finds the file part of `body`, delimited by `boundary`.
    package init(_ body: [UInt8], boundary: String) throws(Problem) {
        guard (1...70).contains(boundary.utf8.count) else {
            throw .malformedBody("the multipart boundary must be 1 to 70 characters long (RFC 2046)")
        }
        for part in try Self.parts(of: body, boundary: boundary) {
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
                self.bytes = Array(part.body)
                return
            }
        }
        throw .malformedBody("the multipart body has no file part (a part with Content-Disposition: form-data; name=\"file\"; filename=\"…\")")
    }

    /// One part: its header lines and its content.
    private struct Part {
        var headers: [(name: String, value: String)]
        var body: ArraySlice<UInt8>
    }

    private static let crlf: [UInt8] = [13, 10]

    /// The parts between the delimiter lines (`--boundary`) up to the closing one (`--boundary--`).
    private static func parts(of body: [UInt8], boundary: String) throws(Problem) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        let malformed = Problem.malformedBody(
            "the multipart body is malformed: each part needs a delimiter line \"--\(boundary)\", header lines and a blank line before its content")
        // The first delimiter starts the body or a line (what comes before it is a preamble).
        var index: Int
        if body.starts(with: delimiter) {
            index = delimiter.count
        } else if let found = body.firstRange(of: crlf + delimiter) {
            index = found.upperBound
        } else {
            throw malformed
        }
        var parts: [Part] = []
        while true {
            if body[index...].starts(with: [45, 45]) { return parts }  // the closing delimiter
            while index < body.count, body[index] == 32 || body[index] == 9 { index += 1 }  // transport padding
            guard body[index...].starts(with: crlf) else { throw malformed }
            index += 2
            guard !body[index...].starts(with: delimiter) else { throw malformed }  // a part without its blank line
            guard let next = body[index...].firstRange(of: crlf + delimiter) else {
                throw .malformedBody("the multipart body does not end with its closing delimiter \"--\(boundary)--\"")
            }
            parts.append(try part(body[index..<next.lowerBound], malformed: malformed))
            index = next.upperBound
        }
    }

    /// A part's header lines, up to a blank line, and the content after it.
    private static func part(_ bytes: ArraySlice<UInt8>, malformed: Problem) throws(Problem) -> Part {
        if bytes.starts(with: crlf) { return Part(headers: [], body: bytes.dropFirst(2)) }
        guard let end = bytes.firstRange(of: crlf + crlf) else { throw malformed }
        var headers: [(name: String, value: String)] = []
        for line in bytes[bytes.startIndex..<end.lowerBound].split(separator: 10, omittingEmptySubsequences: false) {
            let text = String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { throw malformed }
            headers.append((String(text[..<colon]), text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return Part(headers: headers, body: bytes[end.upperBound...])
    }
}
