import CasebookStore
import Hummingbird

/// A request's query parameters, checked: a name the route does not take, or a value it cannot
/// use, is a 400 problem that names the parameter and says what it accepts.
package struct QueryParameters {
    private let pairs: [(name: String, value: String)]

    /// Every route takes `ref`; `names` are the others it takes, `prefixes` name families such as
    /// `field.`. Names and values are percent-decoded (`+` is a space, as forms send it); a
    /// parameter with an empty value (`cursor=`) counts as not given.
    package init(_ request: Request, accepting names: [String] = [], prefixes: [String] = []) throws(Problem) {
        var pairs: [(name: String, value: String)] = []
        for part in (request.uri.query ?? "").split(separator: "&") {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(halves[0], plusIsSpace: true),
                let value = PercentDecoding.decode(halves.count > 1 ? halves[1] : "", plusIsSpace: true)
            else {
                throw .badParameter(String(halves[0]), "'\(part)' is not percent-encoded UTF-8 (write a byte as %XX, two hexadecimal digits)")
            }
            pairs.append((name, value))
        }
        // A family's `field[NAME]` (OpenAPI's deepObject style) is `field.NAME`.
        self.pairs = pairs.filter { !$0.value.isEmpty }.map { pair in (Self.dotted(pair.name, prefixes: prefixes), pair.value) }
        let accepted = ["ref"] + names
        for (name, _) in pairs.map({ (Self.dotted($0.name, prefixes: prefixes), $0.value) })
        where !accepted.contains(name) && !prefixes.contains(where: { name.hasPrefix($0) && name.count > $0.count }) {
            let all = (accepted + prefixes.map { $0 + "NAME" }).joined(separator: ", ")
            throw .badParameter(name, "unknown query parameter '\(name)'; this route takes: \(all)")
        }
    }

    /// `family[NAME]` as `family.NAME` for a prefix `family.` of `prefixes`; any other name as it is.
    private static func dotted(_ name: String, prefixes: [String]) -> String {
        guard name.hasSuffix("]"), let open = name.firstIndex(of: "["), prefixes.contains(name[..<open] + ".") else { return name }
        return name[..<open] + "." + name[name.index(after: open)..<name.index(before: name.endIndex)]
    }

    /// The branch, tag or commit to read, if given.
    var ref: String? { string("ref") }

    /// The last value of `name`, if given.
    func string(_ name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// Every value of `name`, in order (`?tag=a&tag=b`).
    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// The parameters whose names start with `prefix`, with the prefix taken off.
    func family(_ prefix: String) -> [(name: String, value: String)] {
        pairs.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }

    /// Every value of `name`, each of which must be one of `allowed`.
    func all(_ name: String, from allowed: [String]) throws(Problem) -> [String] {
        let values = all(name)
        if let bad = values.first(where: { !allowed.contains($0) }) {
            throw .badParameter(name, "'\(bad)' is not a valid \(name); \(name) accepts: \(allowed.joined(separator: ", "))")
        }
        return values
    }

    /// The last value of `name` as one of `T`'s cases, if given.
    func one<T: RawRepresentable & CaseIterable>(_ name: String, of type: T.Type) throws(Problem) -> T? where T.RawValue == String {
        try all(name, from: T.allCases.map(\.rawValue)).last.flatMap(T.init(rawValue:))
    }

    /// The integer value of `name` within `range`, or `fallback` when not given.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(Problem) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw .badParameter(
                name, "'\(text)' is not a valid \(name); \(name) accepts a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The page that `limit` (at most 500, `defaultLimit` when not given) and `cursor` (the
    /// previous page's `nextCursor`) ask for.
    package func page(defaultLimit: Int) throws(Problem) -> PageRequest {
        var page = PageRequest(limit: try integer("limit", in: 1...500, default: defaultLimit))
        if let cursor = string("cursor") {
            guard let after = Int64(cursor), after > 0 else {
                throw .badParameter("cursor", "'\(cursor)' is not a cursor; pass the nextCursor of the previous page as it was")
            }
            page.after = after
        }
        return page
    }
}
