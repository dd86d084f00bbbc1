import Hummingbird

/// A form's fields (`application/x-www-form-urlencoded`), as browsers post them: decoded by
/// ``PercentDecoding``, as a query is.
struct FormBody: Sendable {
    private let fields: [(name: String, value: String)]
    /// The largest form taken.
    static let limit = 64 * 1024

    init(_ request: Request) async throws {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw Problem.unsupportedMediaType("a form is application/x-www-form-urlencoded, not \(type)")
        }
        let body = String(buffer: try await request.body.collect(upTo: Self.limit))
        var fields: [(String, String)] = []
        for part in body.split(separator: "&") {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(halves[0], plusIsSpace: true),
                let value = PercentDecoding.decode(halves.count > 1 ? halves[1] : "", plusIsSpace: true)
            else { throw Problem.malformedBody("the form field '\(part.prefix(40))' is not percent-encoded UTF-8") }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The last value of the field `name`.
    func string(_ name: String) -> String? {
        fields.last { $0.name == name }?.value
    }

    /// Every non-empty value of the field `name` (checkboxes of one name), in order.
    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }
}
