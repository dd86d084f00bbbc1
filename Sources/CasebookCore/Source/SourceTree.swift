/// A file of a case repository as a source lists it.
package struct SourceFile: Sendable, Hashable {
    /// The path relative to the case repository root, with `/` separators.
    package var path: String
    /// The git blob id of the content, when the source knows it without reading the file.
    package var contentID: String?

    package init(path: String, contentID: String? = nil) {
        self.path = path
        self.contentID = contentID
    }
}

/// The files of a case repository: a working tree, or a git commit.
package protocol SourceTree: Sendable {
    /// Every file below the case repository root (hidden files and folders left out).
    func files() throws(CasebookError) -> [SourceFile]
    /// The bytes of the file at `path`.
    func contents(of path: String) throws(CasebookError) -> [UInt8]
}
