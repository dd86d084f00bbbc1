import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a whole XML document into ``XMLTree/Element``s, after the checks of ``XMLInput``.
package enum XMLTree {
    /// An XML element with its children, its text and where it starts: what the importers of other
    /// tools' exports read (TestRail and TestLink write documents of elements and text, no mixed
    /// content that matters).
    package struct Element: Sendable {
        package var name: String
        package var attributes: [String: String]
        /// The element's own text and CDATA, without its children's.
        package var text: String
        package var children: [Element]
        package var line: Int
        package var column: Int

        /// The first child named `name`.
        package func child(_ name: String) -> Element? {
            children.first { $0.name == name }
        }

        /// The children named `name`.
        package func children(_ name: String) -> [Element] {
            children.filter { $0.name == name }
        }

        /// The text of the first child named `name`, `nil` when there is no such child.
        package func text(of name: String) -> String? {
            child(name)?.text
        }
    }

    /// The document's root element; `kind` names the format in messages ("a TestRail export").
    package static func parse(_ data: Data, kind: String) throws(XMLInput.Problem) -> Element {
        if let problem = XMLInput.problem(in: data, document: "file", kind: kind) { throw problem }
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let first = start.first(where: { ![32, 9, 10, 13].contains($0) }), first != UInt8(ascii: "<") {
            throw XMLInput.Problem(
                line: 1, column: 1, message: "not XML, which \(kind) is: the file starts with '\(String(decoding: start.prefix(12), as: UTF8.self))…'"
            )
        }
        // Fed as a stream, a piece at a time: given all at once, libxml2 refuses a document of
        // more than 10 MB ("huge input lookup").
        let parser = XMLParser(stream: InputStream(data: data))
        let builder = Builder()
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        // On Linux, parse() can answer true after an error: the error is what tells.
        if !parsed || parser.parserError != nil {
            // The first error and where it was met: libxml2 reads on to the end of the input after it.
            let (code, line, column) = builder.firstError ?? ((parser.parserError as? NSError)?.code ?? 0, parser.lineNumber, parser.columnNumber)
            throw XMLInput.Problem(line: line, column: column, message: XMLInput.describe(code))
        }
        guard let root = builder.root else { throw XMLInput.Problem(line: 1, column: 1, message: "the document is empty") }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        /// The first error the parser met, and where it was then.
        var firstError: (code: Int, line: Int, column: Int)?
        private var open: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            open.append(
                Element(name: name, attributes: attributes, text: "", children: [], line: parser.lineNumber, column: parser.columnNumber))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if firstError == nil { firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber) }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard let element = open.popLast() else { return }
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}
