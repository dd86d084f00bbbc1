/// Why a YAML file could not be read into a node tree, and where.
package struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; each maps to one validation rule.
    package enum Reason: String, Sendable {
        /// libyaml rejected the text.
        case syntax
        /// A key appears twice in one mapping.
        case duplicateKey
        /// An alias names no anchor, or expanding aliases would make the document too large.
        case alias
        /// The document holds more than ``YAMLParser/maximumExpandedNodes`` nodes as written.
        case size
        /// Collections are nested deeper than ``YAMLParser/maximumDepth``.
        case depth
        /// More than one document in one file.
        case multipleDocuments
        /// The bytes are not UTF-8.
        case encoding
    }

    package var reason: Reason
    package var mark: Mark
    package var message: String

    package init(_ reason: Reason, at mark: Mark, _ message: String) {
        self.reason = reason
        self.mark = mark
        self.message = message
    }

    package var description: String { "\(mark): \(message)" }
}
