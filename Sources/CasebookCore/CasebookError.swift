/// Why the case repository could not be read at all (as opposed to a ``Finding`` in it).
package enum CasebookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `casebook.yaml` at or above the given path.
    case notARepository(path: String)
    /// A file or folder could not be read.
    case unreadable(path: String, reason: String)
    /// A file could not be written.
    case unwritable(path: String, reason: String)
    /// A file is larger than casebook reads (``SourceFile/maximumSize``); it was not read.
    case tooLarge(path: String, size: Int)

    package var description: String {
        switch self {
        case .notARepository(let path):
            "no casebook.yaml found at or above \(path); run casebook in a case repository or pass its path"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        case .tooLarge(_, let size):
            "the file is \(size) bytes; casebook files may be at most 1 MiB, split it"
        }
    }
}
