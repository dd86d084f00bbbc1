/// A position in a source file: 1-based line and column (columns count characters, not bytes).
package struct Mark: Sendable, Hashable, CustomStringConvertible {
    // Stored in 32 bits each (files are at most a few MiB), which keeps every node small.
    private let storedLine: Int32
    private let storedColumn: Int32

    /// The 1-based line.
    package var line: Int { Int(storedLine) }

    /// The 1-based column, in characters.
    package var column: Int { Int(storedColumn) }

    package init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The start of a file.
    package static let start = Mark(line: 1, column: 1)

    package var description: String { "\(line):\(column)" }
}
