import CXML2
import Foundation

/// What reads the events of an XML document from ``XMLEvents/read(_:document:kind:to:)``.
package protocol XMLEventHandler: AnyObject {
    /// An element starts; `line` and `column` are where libxml2 finished reading its start tag
    /// (its `>`, or the `/` of an empty element's). Answers whether to read on.
    func start(_ name: String, attributes: [String: String], line: Int, column: Int) -> Bool
    /// Text or a CDATA section of the open element, in UTF-8; one text may come in several pieces.
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The open element ends.
    func end()
}

/// An XML document from outside (a JUnit report, another tool's export) read by libxml2's push
/// parser, a piece at a time, after ``XMLInput``'s checks. Those refuse a document type
/// declaration, so no entity is declared and none is read from elsewhere; the predefined ones
/// and character references are decoded.
package enum XMLEvents {
    /// Reads `data` to `handler`; `document` names the file in messages ("report"), `kind` the
    /// format ("a JUnit report"). A malformed document is a problem placed where libxml2 first
    /// met its error.
    package static func read(_ data: Data, document: String, kind: String, to handler: some XMLEventHandler) throws(XMLInput.Problem) {
        if let problem = XMLInput.problem(in: data, document: document, kind: kind) { throw problem }
        if data.allSatisfy({ [32, 9, 10, 13].contains($0) }) { throw XMLInput.Problem(line: 1, column: 1, message: "the document is empty") }
        _ = initialized
        let session = Session(handler: handler)
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, name, prefix, _, _, _, count, _, attributes in
            Session.of(context).start(name: name, prefix: prefix, count: Int(count), attributes: attributes)
        }
        sax.endElementNs = { context, _, _, _ in Session.of(context).handler.end() }
        sax.characters = { context, bytes, count in Session.of(context).text(bytes, count) }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.serror = { context, error in
            guard let context, let error else { return }
            Session.of(context).failed(error.pointee)
        }
        let problem = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> XMLInput.Problem? in
            let bytes = raw.bindMemory(to: CChar.self)
            // The first four bytes tell libxml2 the encoding; the declaration may name another.
            let first = min(4, bytes.count)
            guard let parser = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(session).toOpaque(), bytes.baseAddress, Int32(first), nil)
            else { return XMLInput.Problem(line: 1, column: 1, message: "the XML parser could not start") }
            defer { xmlFreeParserCtxt(parser) }
            xmlCtxtUseOptions(parser, Int32(XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue))
            session.parser = parser
            // A piece at a time: given all at once, libxml2 refuses a document of more than 10 MB.
            var offset = first
            while offset < bytes.count, !session.stopped, session.firstError == nil {
                let count = min(1 << 20, bytes.count - offset)
                xmlParseChunk(parser, bytes.baseAddress! + offset, Int32(count), 0)
                offset += count
            }
            if !session.stopped, session.firstError == nil { xmlParseChunk(parser, nil, 0, 1) }
            guard !session.stopped, let error = session.firstError ?? (parser.pointee.wellFormed == 0 ? (0, 1, 1) : nil) else { return nil }
            return XMLInput.Problem(line: error.line, column: error.column, message: XMLInput.describe(error.code))
        }
        if let problem { throw problem }
    }

    /// libxml2 set up once, before any parser (its own initialisation is not safe from two threads at once).
    private static let initialized: Void = xmlInitParser()

    /// One document's reading: the handler, and what libxml2's callbacks leave for after.
    private final class Session {
        let handler: any XMLEventHandler
        var parser: xmlParserCtxtPtr?
        /// The first fatal error: its libxml2 code and where it was met (libxml2 reads on after it).
        var firstError: (code: Int, line: Int, column: Int)?
        /// Whether the handler asked to stop.
        var stopped = false
        /// Element names by the address libxml2 keeps each distinct name at, made into a string once.
        private var names: [UnsafeRawPointer: String] = [:]

        init(handler: any XMLEventHandler) {
            self.handler = handler
        }

        static func of(_ context: UnsafeMutableRawPointer?) -> Session {
            Unmanaged<Session>.fromOpaque(context!).takeUnretainedValue()
        }

        func start(
            name: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, count: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
        ) {
            guard let name, !stopped else { return }
            var qualified = self.name(name)
            if let prefix { qualified = self.name(prefix) + ":" + qualified }
            var values: [String: String] = [:]
            if let attributes {
                // Five pointers each: name, prefix, namespace, value, end of value.
                for index in 0..<count {
                    let base = attributes + index * 5
                    guard let key = base[0], let start = base[3], let end = base[4] else { continue }
                    let text = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                    values[(base[1].map { self.name($0) + ":" } ?? "") + self.name(key)] = text
                }
            }
            let line = Int(xmlSAX2GetLineNumber(parser)), column = Int(xmlSAX2GetColumnNumber(parser))
            if !handler.start(qualified, attributes: values, line: line, column: column) {
                stopped = true
                xmlStopParser(parser)
            }
        }

        func text(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
            guard let bytes, !stopped else { return }
            handler.text(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }

        func failed(_ error: xmlError) {
            guard firstError == nil, error.level == XML_ERR_FATAL else { return }
            firstError = (Int(error.code), Int(error.line), Int(error.int2))
        }

        private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
            let key = UnsafeRawPointer(pointer)
            if let known = names[key] { return known }
            let made = String(cString: pointer)
            names[key] = made
            return made
        }
    }
}
