import Foundation

/// `Content-Disposition` headers: the file name a client sends, and a safe one to send back.
package enum ContentDisposition {
    /// The `filename*` (RFC 5987, UTF-8) or `filename` parameter of a header value.
    package static func fileName(_ value: String) -> String? {
        if let extended = parameter("filename*", of: value), let decoded = extended.components(separatedBy: "''").last?.removingPercentEncoding {
            return decoded
        }
        return parameter("filename", of: value)
    }

    /// `attachment` with an ASCII fallback name and the UTF-8 name, so that a browser saves the
    /// file rather than showing it, under a name that cannot break out of the header.
    static func attachment(_ fileName: String) -> String {
        let fallback = String(
            fileName.unicodeScalars.map { scalar in
                scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar != "%" && scalar.value != 0x7F
                    ? Character(scalar) : "_"
            })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(0x7F)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension ContentDisposition {
    /// A parameter (like `boundary`) of a header value such as a `Content-Type`.
    package static func parameter(_ name: String, of value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        return nil
    }
}
