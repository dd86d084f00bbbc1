/// Why the server could not start.
package enum ServerError: Error, Sendable, CustomStringConvertible {
    /// Two case repositories declare the same project key.
    case duplicateProjectKey(String)
    /// A case repository could not be opened or read at start.
    case unreadableProject(path: String, reason: String)
    /// The sidecar database could not be opened or migrated.
    case unreadableDatabase(path: String, reason: String)
    /// The access log's file could not be opened for writing.
    case unwritableAccessLog(path: String, reason: String)

    package var description: String {
        switch self {
        case .duplicateProjectKey(let key):
            "two projects have the key '\(key)'; give each case repository its own project.key in casebook.yaml"
        case .unreadableProject(let path, let reason):
            "cannot serve \(path): \(reason)"
        case .unreadableDatabase(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .unwritableAccessLog(let path, let reason):
            "cannot write the access log \(path): \(reason)"
        }
    }
}
