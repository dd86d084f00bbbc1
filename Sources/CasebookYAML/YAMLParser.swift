internal import CYAML

/// Reads one YAML document into a ``Node`` tree with libyaml's event API.
///
/// Every node keeps its 1-based line and column. Anchors and aliases are resolved, with a bound
/// on how large aliases may make the document; duplicate keys, a second document, collections
/// nested deeper than ``maximumDepth`` and bytes that are not UTF-8 are errors.
package enum YAMLParser {
    /// The deepest nesting of collections accepted.
    package static let maximumDepth = 64
    /// The most nodes a document may hold once its aliases are expanded.
    package static let maximumExpandedNodes = 100_000

    /// Parses `bytes` as one YAML document; `nil` when the input holds no document at all.
    package static func parse(_ bytes: [UInt8]) throws(YAMLError) -> Node? {
        var input = bytes[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input = input.dropFirst(3)
        } else if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            throw YAMLError(.encoding, at: .start, "the file is UTF-16; save it as UTF-8")
        }
        let session = ParserSession()
        var builder = TreeBuilder()
        let outcome: Result<Node?, YAMLError> = input.withUnsafeBufferPointer { buffer in
            session.run(buffer, into: &builder)
        }
        return try outcome.get()
    }
}

/// One libyaml parser with a stable heap address, freed with the session.
private final class ParserSession {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private var initialized = false

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
    }

    /// Feeds every event of `buffer` to `builder`; the buffer must outlive this call only.
    func run(_ buffer: UnsafeBufferPointer<UInt8>, into builder: inout TreeBuilder) -> Result<Node?, YAMLError> {
        guard yaml_parser_initialize(parser) != 0 else {
            return .failure(YAMLError(.syntax, at: .start, "the YAML parser could not be created (out of memory)"))
        }
        initialized = true
        // libyaml needs a non-null pointer even for empty input.
        let empty: [UInt8] = [0]
        empty.withUnsafeBufferPointer { fallback in
            yaml_parser_set_input_string(parser, buffer.baseAddress ?? fallback.baseAddress, buffer.count)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                return .failure(syntaxError(in: buffer))
            }
            defer { yaml_event_delete(&event) }
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            do {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(builder.root)
                case YAML_DOCUMENT_START_EVENT:
                    try builder.startDocument(at: mark)
                case YAML_SCALAR_EVENT:
                    let data = event.data.scalar
                    let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                    let scalar = Scalar(value, style: Self.style(data.style))
                    try builder.add(Node(.scalar(scalar), at: mark), anchor: Self.string(data.anchor))
                case YAML_ALIAS_EVENT:
                    try builder.alias(Self.string(event.data.alias.anchor) ?? "", at: mark)
                case YAML_SEQUENCE_START_EVENT:
                    try builder.startCollection(.sequence, at: mark, anchor: Self.string(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    try builder.startCollection(.mapping, at: mark, anchor: Self.string(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try builder.endCollection()
                default:
                    break
                }
            } catch {
                return .failure(error)
            }
        }
    }

    private func syntaxError(in buffer: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = state.context.map { String(cString: $0) }
        let mark = Mark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        if state.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark.
            let before = buffer.prefix(min(state.problem_offset, buffer.count))
            let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
            let readerMark = Mark(line: before.count { $0 == 0x0A } + 1, column: column)
            return YAMLError(.encoding, at: readerMark, "\(problem); the file must be UTF-8 text")
        }
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(.syntax, at: mark, message)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
