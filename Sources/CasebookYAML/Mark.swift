/// A position in a source file: 1-based line and column (columns count characters, not bytes).
package struct Mark: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    package var line: Int
    /// The 1-based column, in characters.
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file.
    package static let start = Mark(line: 1, column: 1)

    package var description: String { "\(line):\(column)" }
}
