/// Assembles parser events into a ``Node`` tree with an explicit stack (no recursion), checking
/// duplicate keys, nesting depth, document count and alias expansion as it goes.
struct TreeBuilder {
    enum CollectionKind { case sequence, mapping }

    private struct Frame {
        var kind: CollectionKind
        var mark: Mark
        var anchor: String?
        var items: [Node] = []
        var entries: [MappingEntry] = []
        var pendingKey: Node?
        /// Key texts by mark, built only once a mapping is large; small ones are scanned.
        var keyIndex: [String: Mark]?
        /// Nodes in this collection once aliases are expanded, itself included.
        var size = 1

        /// Where the key `text` stands in this mapping, if it is already there.
        mutating func firstMark(ofKey text: String) -> Mark? {
            if let keyIndex { return keyIndex[text] }
            if entries.count < 32 {
                return entries.first { $0.key.scalar?.value == text }?.key.mark
            }
            var index: [String: Mark] = [:]
            for entry in entries {
                if let key = entry.key.scalar?.value, index[key] == nil { index[key] = entry.key.mark }
            }
            keyIndex = index
            return index[text]
        }
    }

    private(set) var root: Node?
    private var stack: [Frame] = []
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var documents = 0
    private var expandedNodes = 0

    mutating func startDocument(at mark: Mark) throws(YAMLError) {
        documents += 1
        if documents > 1 {
            throw YAMLError(.multipleDocuments, at: mark, "a second YAML document starts here; keep one document per file")
        }
    }

    mutating func startCollection(_ kind: CollectionKind, at mark: Mark, anchor: String?) throws(YAMLError) {
        guard stack.count < YAMLParser.maximumDepth else {
            throw YAMLError(.depth, at: mark, "collections are nested more than \(YAMLParser.maximumDepth) levels deep")
        }
        stack.append(Frame(kind: kind, mark: mark, anchor: anchor))
    }

    mutating func endCollection() throws(YAMLError) {
        let frame = stack.removeLast()
        let node = switch frame.kind {
        case .sequence: Node(.sequence(frame.items), at: frame.mark)
        case .mapping: Node(.mapping(frame.entries), at: frame.mark)
        }
        try attach(node, size: frame.size, anchor: frame.anchor)
    }

    mutating func add(_ node: Node, anchor: String?) throws(YAMLError) {
        try attach(node, size: 1, anchor: anchor)
    }

    mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        guard let target = anchors[name] else {
            throw YAMLError(.alias, at: mark, "the alias *\(name) names no anchor defined before it")
        }
        var node = target.node
        node.mark = mark
        try attach(node, size: target.size, anchor: nil)
    }

    private mutating func attach(_ node: Node, size: Int, anchor: String?) throws(YAMLError) {
        expandedNodes += size
        if expandedNodes > YAMLParser.maximumExpandedNodes {
            throw YAMLError(
                .alias, at: node.mark,
                "aliases expand this document beyond \(YAMLParser.maximumExpandedNodes) nodes; write the values out instead"
            )
        }
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            guard let key = stack[top].pendingKey else {
                if let text = node.scalar?.value {
                    if let first = stack[top].firstMark(ofKey: text) {
                        throw YAMLError(.duplicateKey, at: node.mark, "duplicate key '\(text)' (first defined at line \(first.line)); keep only one")
                    }
                    stack[top].keyIndex?[text] = node.mark
                }
                stack[top].pendingKey = node
                return
            }
            stack[top].entries.append(MappingEntry(key: key, value: node))
            stack[top].pendingKey = nil
        }
    }
}
