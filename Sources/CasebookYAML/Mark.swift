/// A position in a source file: 1-based line and column (columns count characters, not bytes).
package struct Mark: Sendable, Hashable, CustomStringConvertible {
    // Stored in 32 bits each (files are at most a few MiB), which keeps every node small.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The 1-based line.
    package var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// The 1-based column, in characters.
    package var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    package init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The start of a file.
    package static let start = Mark(line: 1, column: 1)

    package var description: String { "\(line):\(column)" }
}
