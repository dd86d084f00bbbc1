/// Reads one YAML document into a ``Node`` tree from libyaml's events (``YAMLEvents``).
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
        try YAMLEvents.reading(bytes) { events throws(YAMLError) in
            var builder = TreeBuilder()
            while true {
                let event = try events.next()
                switch event.kind {
                case .streamEnd:
                    return builder.root
                case .documentStart:
                    try builder.startDocument(at: event.mark)
                case .scalar:
                    try builder.add(Node(.scalar(event.scalar), at: event.mark), anchor: events.anchor)
                case .alias:
                    try builder.alias(events.aliasName, at: event.mark)
                case .sequenceStart:
                    try builder.startCollection(.sequence, at: event.mark, anchor: events.anchor)
                case .mappingStart:
                    try builder.startCollection(.mapping, at: event.mark, anchor: events.anchor)
                case .sequenceEnd, .mappingEnd:
                    try builder.endCollection()
                case .streamStart, .documentEnd:
                    break
                }
            }
        }
    }
}
