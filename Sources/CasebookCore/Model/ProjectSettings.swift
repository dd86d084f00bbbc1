import CasebookYAML

/// The settings in `casebook.yaml`: the project, its devices, priorities, types and custom fields.
package struct ProjectSettings: Sendable {
    /// The default priorities, most important first.
    package static let defaultPriorities = ["critical", "high", "medium", "low"]
    /// The default case types.
    package static let defaultTypes = ["functional", "regression", "smoke", "security", "performance", "usability"]

    /// The id prefix of new cases, like `SHOP`.
    package var key: String
    package var name: String
    package var description: String?
    package var devices: [Device]
    /// Ordered, most important first.
    package var priorities: [String]
    package var types: [String]
    /// Custom case fields in declaration order.
    package var fields: [FieldDeclaration]
    /// Where defects are tracked, when the project says.
    package var tracker: Tracker?

    package init(
        key: String, name: String, description: String? = nil, devices: [Device] = [],
        priorities: [String] = Self.defaultPriorities, types: [String] = Self.defaultTypes, fields: [FieldDeclaration] = []
    ) {
        self.key = key
        self.name = name
        self.description = description
        self.devices = devices
        self.priorities = priorities
        self.types = types
        self.fields = fields
    }

    /// The declaration of the custom field `name`.
    package func field(named name: String) -> FieldDeclaration? {
        fields.first { $0.name == name }
    }
}

/// A device model or environment that plans run on.
package struct Device: Sendable, Hashable {
    package var id: String
    package var name: String
    package var platform: String?
    package var os: String?
    package var attributes: [String: String]

    package init(id: String, name: String, platform: String? = nil, os: String? = nil, attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.platform = platform
        self.os = os
        self.attributes = attributes
    }
}

/// The declared type of a custom field.
package enum FieldType: String, Sendable, CaseIterable {
    case string, text, integer, boolean, `enum`, duration, url, list
}

/// A custom case field declared in `casebook.yaml`.
package struct FieldDeclaration: Sendable, Hashable {
    package var name: String
    package var type: FieldType
    /// The allowed values of an `enum` field.
    package var values: [String]
    package var required: Bool
    package var description: String?

    package init(name: String, type: FieldType, values: [String] = [], required: Bool = false, description: String? = nil) {
        self.name = name
        self.type = type
        self.values = values
        self.required = required
        self.description = description
    }
}

/// The value of a custom field on a case, typed by its declaration.
package enum FieldValue: Sendable, Hashable {
    /// `string`, `text`, `enum` and `url` fields.
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case duration(seconds: Int)
    case list([String])
}
