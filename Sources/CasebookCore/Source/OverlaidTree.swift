/// A source whose listed files read from `texts` where it has them, else from `base`: a working
/// tree just written, validated without reading back what is still in memory.
package struct OverlaidTree<Base: SourceTree>: SourceTree {
    package let base: Base
    /// File contents by path from the case repository root.
    package let texts: [String: [UInt8]]

    package init(base: Base, texts: [String: [UInt8]]) {
        self.base = base
        self.texts = texts
    }

    package func files() throws(CasebookError) -> [SourceFile] {
        try base.files()
    }

    package func reader() throws(CasebookError) -> Reader {
        Reader(base: try base.reader(), texts: texts)
    }

    package struct Reader: SourceReader {
        let base: Base.Reader
        let texts: [String: [UInt8]]

        package func contents(of path: String) throws(CasebookError) -> [UInt8] {
            if let text = texts[path] { return text }
            return try base.contents(of: path)
        }
    }
}
