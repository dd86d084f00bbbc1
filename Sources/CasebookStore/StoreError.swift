/// Why a store operation did not happen; nothing was written when one is thrown.
package enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `what` with that id or name.
    case notFound(what: String, id: String)
    /// The request clashes with what is stored: a username or department name that exists,
    /// a result for a closed run.
    case conflict(String)
    /// A field's value cannot be used; `message` says what it accepts.
    case invalid(String, String)
    /// The acting user may not do this.
    case forbidden(String)
    /// The token or password does not open a session.
    case unauthorized(String)

    package var description: String {
        switch self {
        case .notFound(let what, let id): "no \(what) '\(id)'"
        case .conflict(let message): message
        case .invalid(let field, let message): "\(field): \(message)"
        case .forbidden(let message): message
        case .unauthorized(let message): message
        }
    }
}
