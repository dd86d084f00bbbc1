import CasebookCore
import HTTPTypes
import Hummingbird

/// An HTML answer with the headers every page sends: a Content-Security-Policy that loads
/// nothing from elsewhere and runs no inline script or style, no sniffing, no framing, and no
/// referrer to other sites.
enum HTMLPage {
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .contentSecurityPolicy:
            "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "same-origin",
        .cacheControl: "no-store",
    ]

    /// The page `html`, gzipped when `gzip`. With `conditional`, the request's `If-None-Match`:
    /// the page carries an `ETag` of its bytes and is revalidated (a page that polls itself), and
    /// an unchanged page answers 304.
    static func response(
        _ html: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:], gzip: Bool = false, conditional: Request? = nil
    ) -> Response {
        var fields = headers
        fields.append(contentsOf: extra)
        let bytes = ByteBuffer(string: html)
        if let request = conditional {
            let tag = "\"" + FNV1a.hex(html) + "\""
            if let notModified = ETag.notModified(request, tag: tag) { return notModified }
            fields[.eTag] = tag
            fields[.cacheControl] = "private, no-cache"
        }
        let body = Compression.body(bytes, gzip: gzip, headers: &fields)
        return Response(status: status, headers: fields, body: body)
    }

    /// A redirect after a form (303: the browser GETs `location`).
    static func redirect(to location: String, extra: HTTPFields = [:]) -> Response {
        var fields: HTTPFields = [.location: location, .cacheControl: "no-store"]
        fields.append(contentsOf: extra)
        return Response(status: .seeOther, headers: fields)
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
}
