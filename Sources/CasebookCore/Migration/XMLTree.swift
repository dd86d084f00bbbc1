import Foundation

/// Reads a whole XML document into ``XMLTree/Element``s, through ``XMLEvents``.
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
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let first = start.first(where: { ![32, 9, 10, 13].contains($0) }), first != UInt8(ascii: "<") {
            throw XMLInput.Problem(
                line: 1, column: 1, message: "not XML, which \(kind) is: the file starts with '\(String(decoding: start.prefix(12), as: UTF8.self))…'"
            )
        }
        let builder = Builder()
        try XMLEvents.read(data, document: "file", kind: kind, to: builder)
        guard let root = builder.root else { throw XMLInput.Problem(line: 1, column: 1, message: "the document is empty") }
        return root
    }

    /// Builds the tree from the parser's events.
    private final class Builder: XMLEventHandler {
        var root: Element?
        private var open: [Element] = []
        /// The text of each open element, as it comes.
        private var texts: [[UInt8]] = []

        func start(_ name: String, attributes: [String: String], line: Int, column: Int) -> Bool {
            open.append(Element(name: name, attributes: attributes, text: "", children: [], line: line, column: column))
            texts.append([])
            return true
        }

        func text(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard !texts.isEmpty else { return }
            texts[texts.count - 1].append(contentsOf: bytes)
        }

        func end() {
            guard var element = open.popLast(), let text = texts.popLast() else { return }
            element.text = String(decoding: text, as: UTF8.self)
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}
