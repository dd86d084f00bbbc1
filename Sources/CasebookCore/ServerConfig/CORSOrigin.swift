/// A web origin as `--cors-origin` takes it: `https://dashboard.example.com`, with an optional port.
package enum CORSOrigin {
    /// `text` as a browser sends it in `Origin` (scheme and host lowercased, no trailing slash),
    /// or `nil` when it is not a scheme and host with an optional port.
    package static func normalized(_ text: String) -> String? {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let separator = trimmed.range(of: "://") else { return nil }
        let scheme = trimmed[..<separator.lowerBound].lowercased(), authority = trimmed[separator.upperBound...].lowercased()
        guard ["http", "https"].contains(scheme), !authority.isEmpty,
            authority.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) })
        else { return nil }
        return scheme + "://" + authority
    }
}
