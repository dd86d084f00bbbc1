/// The file part of a `multipart/form-data` body (RFC 7578): the first part with a file name.
struct MultipartFile {
    var fileName: String
    var mediaType: String
    var bytes: [UInt8]

    /// Finds the file part of `body`, delimited by `boundary`.
    init(_ body: [UInt8], boundary: String) throws(Problem) {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            if let start {
                // The CRLF before a delimiter belongs to it.
                let end = found >= 2 && body[found - 2] == 13 && body[found - 1] == 10 ? found - 2 : found
                parts.append(body[start..<end])
            }
            index = found + delimiter.count
            if body[index...].starts(with: [45, 45]) { break }
            guard body[index...].starts(with: [13, 10]) else { throw .malformedBody("the multipart body has a delimiter not followed by a line break") }
            index += 2
            start = index
        }
        for part in parts {
            guard let headerEnd = Self.find([13, 10, 13, 10], in: Array(part), from: 0) else { continue }
            let headers = String(decoding: part.prefix(headerEnd), as: UTF8.self).components(separatedBy: "\r\n")
            var fileName: String?
            var mediaType = "application/octet-stream"
            for header in headers {
                let pair = header.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                switch pair[0].lowercased() {
                case "content-disposition": fileName = ContentDisposition.fileName(pair[1])
                case "content-type": mediaType = pair[1]
                default: break
                }
            }
            if let fileName {
                self.fileName = fileName
                self.mediaType = mediaType
                self.bytes = Array(part.dropFirst(headerEnd + 4))
                return
            }
        }
        throw .malformedBody("the multipart body has no file part (a part with Content-Disposition: form-data; name=\"file\"; filename=\"…\")")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
