import CasebookCore

/// A case repository held in memory, for tests that need no disk.
package struct MemoryTree: SourceTree, SourceReader {
    package var contents: [String: [UInt8]]

    package init(_ files: [String: String]) {
        contents = files.mapValues { Array($0.utf8) }
    }

    package init(bytes: [String: [UInt8]]) {
        contents = bytes
    }

    package func reader() -> MemoryTree {
        self
    }

    package func files() throws(CasebookError) -> [SourceFile] {
        contents.keys.sorted().map { SourceFile(path: $0) }
    }

    package func contents(of path: String) throws(CasebookError) -> [UInt8] {
        guard let bytes = contents[path] else { throw .unreadable(path: path, reason: "no such file") }
        return bytes
    }
}
