/// A file of a case repository as a source lists it.
package struct SourceFile: Sendable, Hashable {
    /// The largest file casebook reads (1 MiB): sources check a file's size before they read it.
    package static let maximumSize = 1 << 20

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
    associatedtype Reader: SourceReader
    /// Every file below the case repository root (hidden files and folders left out), in path order.
    func files() throws(CasebookError) -> [SourceFile]
    /// Something that reads the files' contents, for use on one thread.
    func reader() throws(CasebookError) -> Reader
}

/// Reads the contents of a ``SourceTree``'s files; one per thread.
package protocol SourceReader {
    /// The bytes of the file at `path`.
    func contents(of path: String) throws(CasebookError) -> [UInt8]
    /// The bytes of `file`: a source that stores contents by blob id reads them by
    /// `file.contentID` when it is known, without looking the path up.
    func contents(of file: SourceFile) throws(CasebookError) -> [UInt8]
}

extension SourceReader {
    /// The bytes of the file at `file.path`.
    package func contents(of file: SourceFile) throws(CasebookError) -> [UInt8] {
        try contents(of: file.path)
    }
}

/// A file that differs between two revisions of a case repository.
package struct FileChange: Sendable, Hashable {
    /// The path relative to the case repository root, with `/` separators.
    package var path: String
    /// The git blob id of the new content; `nil` when the file is gone.
    package var contentID: String?

    package init(path: String, contentID: String?) {
        self.path = path
        self.contentID = contentID
    }
}
