import Foundation

/// What the readers of XML exports share: the file, the suite they fill, and where an element is.
protocol ExportReader {
    var file: String { get }
    var suite: ImportedSuite { get set }
}

extension ExportReader {
    /// Where `element` starts in the export.
    func location(_ element: XMLTree.Element) -> SourceLocation {
        SourceLocation(file: file, line: element.line, column: element.column)
    }

    /// Lists `element` (described as `what`) as not imported.
    mutating func lose(_ element: XMLTree.Element, _ what: String) {
        suite.notes.append(ImportNote(location(element), what))
    }
}

extension XMLTree {
    /// The root element of the export `file`; a problem is an import error at its place.
    static func parseExport(_ data: Data, file: String, kind: String) throws(ImportError) -> Element {
        do {
            return try parse(data, kind: kind)
        } catch {
            throw ImportError(SourceLocation(file: file, line: error.line, column: error.column), error.message)
        }
    }
}
