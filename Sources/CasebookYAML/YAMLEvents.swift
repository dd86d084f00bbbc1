internal import CYAML

/// One event of a YAML stream: what it is and where it starts, and for a scalar its text. A
/// scalar's bytes belong to the ``YAMLEvents`` that read it and are valid until its next event.
package struct YAMLEvent {
    /// What an event is.
    package enum Kind: Sendable {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    package let kind: Kind
    /// Where the event starts.
    package let mark: Mark
    /// Whether the scalar or collection has an anchor (`&name`).
    package let hasAnchor: Bool
    /// How the scalar was written.
    package let style: ScalarStyle
    /// The scalar's UTF-8 bytes, as written once quotes and escapes are undone (empty for others).
    package let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the event ends a sequence or a mapping.
    @inlinable package var isEnd: Bool {
        switch kind {
        case .sequenceEnd, .mappingEnd: true
        default: false
        }
    }

    /// The scalar.
    @inlinable package var scalar: Scalar {
        Scalar(String(decoding: bytes, as: UTF8.self), style: style)
    }

    /// Whether the scalar is YAML's way to write nothing (see ``Scalar/isNull``).
    @inlinable package var isNull: Bool {
        Scalar.isNull(bytes, style: style)
    }
}

/// The events of a YAML stream as libyaml reads them, one at a time: what ``YAMLParser`` builds
/// its node trees from, and what a reader that needs no tree consumes directly.
package final class YAMLEvents {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    /// The current event; zeroed (no event) to start with.
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var initialized = false
    private let input: UnsafeBufferPointer<UInt8>

    /// Calls `body` with the events of `bytes`: a UTF-8 byte order mark is skipped, UTF-16 is an
    /// encoding error. The events must not be used after `body` returns.
    @inlinable package static func reading<T>(_ bytes: [UInt8], _ body: (YAMLEvents) throws(YAMLError) -> T) throws(YAMLError) -> T {
        var input = bytes[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            input = input.dropFirst(3)
        } else if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            throw YAMLError(.encoding, at: .start, "the file is UTF-16; save it as UTF-8")
        }
        let outcome: Result<T, YAMLError> = input.withUnsafeBufferPointer { buffer in
            do throws(YAMLError) {
                return .success(try body(try YAMLEvents(buffer)))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    @usableFromInline init(_ buffer: UnsafeBufferPointer<UInt8>) throws(YAMLError) {
        input = buffer
        event.initialize(to: yaml_event_t())
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(.syntax, at: .start, "the YAML parser could not be created (out of memory)")
        }
        // libyaml needs a non-null pointer even for empty input.
        let empty: [UInt8] = [0]
        empty.withUnsafeBufferPointer { fallback in
            yaml_parser_set_input_string(parser, buffer.baseAddress ?? fallback.baseAddress, buffer.count)
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        initialized = true
    }

    deinit {
        yaml_event_delete(event)
        event.deallocate()
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
    }

    /// Reads the next event; after a ``YAMLEvent/Kind/streamEnd`` there are none.
    package func next() throws(YAMLError) -> YAMLEvent {
        yaml_event_delete(event)
        guard yaml_parser_parse(parser, event) != 0 else { throw syntaxError() }
        let data = event.pointee.data
        let mark = Mark(line: Int(event.pointee.start_mark.line) + 1, column: Int(event.pointee.start_mark.column) + 1)
        func other(_ kind: YAMLEvent.Kind, anchor: UnsafeMutablePointer<yaml_char_t>? = nil) -> YAMLEvent {
            YAMLEvent(kind: kind, mark: mark, hasAnchor: anchor != nil, style: .plain, bytes: UnsafeBufferPointer(start: nil, count: 0))
        }
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            let scalar = data.scalar
            return YAMLEvent(
                kind: .scalar, mark: mark, hasAnchor: scalar.anchor != nil, style: Self.style(scalar.style),
                bytes: UnsafeBufferPointer(start: scalar.value, count: scalar.length))
        case YAML_STREAM_START_EVENT: return other(.streamStart)
        case YAML_DOCUMENT_START_EVENT: return other(.documentStart)
        case YAML_DOCUMENT_END_EVENT: return other(.documentEnd)
        case YAML_ALIAS_EVENT: return other(.alias)
        case YAML_SEQUENCE_START_EVENT: return other(.sequenceStart, anchor: data.sequence_start.anchor)
        case YAML_SEQUENCE_END_EVENT: return other(.sequenceEnd)
        case YAML_MAPPING_START_EVENT: return other(.mappingStart, anchor: data.mapping_start.anchor)
        case YAML_MAPPING_END_EVENT: return other(.mappingEnd)
        default: return other(.streamEnd)
        }
    }

    /// The anchor of the current scalar or collection (`&name`), if it has one.
    package var anchor: String? {
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: Self.string(event.pointee.data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT: Self.string(event.pointee.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: Self.string(event.pointee.data.mapping_start.anchor)
        default: nil
        }
    }

    /// The anchor the current alias (`*name`) names.
    package var aliasName: String {
        Self.string(event.pointee.data.alias.anchor) ?? ""
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

    private func syntaxError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = state.context.map { String(cString: $0) }
        let mark = Mark(line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1)
        if state.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark.
            let before = input.prefix(min(state.problem_offset, input.count))
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
}
