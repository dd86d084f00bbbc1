/// A case filter the project cannot take: which one, and what it accepts.
package struct CaseFilterError: Error, Sendable, CustomStringConvertible {
    /// The filter's name, like `priority` or `field.component`.
    package var name: String
    package var message: String

    package var description: String { message }
}

extension CaseQuery {
    /// The filters of a case list, as the API's query parameters and `casebook export cases`'
    /// options name them (`q`, `tag`, `priority`, `type`, `automation`, `owner`, `group`,
    /// `requirement`, and `field.NAME` in `fields`): `values` answers every value given for a
    /// name. Each is checked against the project of `snapshot`.
    package init(values: (String) -> [String], fields: [(name: String, value: String)], for snapshot: Snapshot) throws(CaseFilterError) {
        self.init()
        let settings = snapshot.settings
        func all(_ name: String, from allowed: [String]) throws(CaseFilterError) -> [String] {
            let given = values(name)
            if let bad = given.first(where: { !allowed.contains($0) }) {
                throw CaseFilterError(name: name, message: "'\(bad)' is not a valid \(name); \(name) accepts: \(allowed.joined(separator: ", "))")
            }
            return given
        }
        words = (values("q").last ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        tags = values("tag")
        priorities = try all("priority", from: settings.priorities)
        types = try all("type", from: settings.types)
        automation = try all("automation", from: AutomationStatus.allCases.map(\.rawValue)).compactMap(AutomationStatus.init)
        owners = values("owner")
        if let group = values("group").last {
            guard snapshot.groups[group] != nil else {
                throw CaseFilterError(
                    name: "group",
                    message: "no group '\(group)'; group accepts a group id such as \(snapshot.groups.keys.sorted().first ?? "checkout/payment")")
            }
            self.group = group
        }
        requirement = values("requirement").last
        for (name, value) in fields {
            guard let field = settings.field(named: name) else {
                let declared = settings.fields.map { "field." + $0.name }.joined(separator: ", ")
                throw CaseFilterError(
                    name: "field.\(name)", message: "no custom field '\(name)'; the project declares: \(declared.isEmpty ? "none" : declared)")
            }
            if field.type == .enum, !field.values.contains(value) {
                throw CaseFilterError(
                    name: "field.\(name)", message: "'\(value)' is not a value of \(name); it accepts: \(field.values.joined(separator: ", "))")
            }
            self.fields.append((name, value))
        }
    }
}
