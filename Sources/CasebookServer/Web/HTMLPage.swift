import HTTPTypes
import Hummingbird

/// An HTML answer with the headers every page sends: a Content-Security-Policy that loads
/// nothing from elsewhere and runs no inline script or style, no sniffing, no framing, and no
/// referrer to other sites.
enum HTMLPage {
    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "same-origin",
        .cacheControl: "no-store",
    ]

    static func response(_ html: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        var fields = headers
        fields.append(contentsOf: extra)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
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
