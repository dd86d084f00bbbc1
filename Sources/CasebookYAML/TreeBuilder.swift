/// Assembles parser events into a ``Node`` tree with an explicit stack (no recursion), checking
/// duplicate keys, nesting depth, document count and alias expansion as it goes.
///
/// The children of every open collection wait on one shared stack (one for items, one for
/// entries); a collection that ends takes its children off it into an array of exactly their
/// count, so building a tree allocates once per collection instead of growing each array.
struct TreeBuilder: ~Copyable {
    enum CollectionKind { case sequence, mapping }

    private struct Frame {
        var kind: CollectionKind
        var mark: Mark
        var anchor: String?
        /// Where this collection's children start on the shared stack of its kind.
        var start: Int
        var pendingKey: Node?
        /// Key texts by mark, built only once a mapping is large; small ones are scanned.
        var keyIndex: [String: Mark]?
        /// Nodes in this collection once aliases are expanded, itself included.
        var size = 1
    }

    private(set) var root: Node?
    private var stack: [Frame] = []
    private var items = PendingChildren<Node>()
    private var entries = PendingChildren<MappingEntry>()
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var documents = 0
    private var expandedNodes = 0
    /// Whether an alias was expanded: past the node limit, that is what the finding is about.
    private var expandedAliases = false

    deinit {
        items.free()
        entries.free()
    }

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
        let start = kind == .sequence ? items.count : entries.count
        stack.append(Frame(kind: kind, mark: mark, anchor: anchor, start: start))
    }

    mutating func endCollection() throws(YAMLError) {
        let frame = stack.removeLast()
        let node: Node
        switch frame.kind {
        case .sequence:
            node = Node(.sequence(items.take(from: frame.start)), at: frame.mark)
        case .mapping:
            node = Node(.mapping(entries.take(from: frame.start)), at: frame.mark)
        }
        // Its children were counted as they came: the collection adds itself.
        try attach(node, size: frame.size, adding: 1, anchor: frame.anchor)
    }

    mutating func add(_ node: Node, anchor: String?) throws(YAMLError) {
        try attach(node, size: 1, adding: 1, anchor: anchor)
    }

    mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        guard let target = anchors[name] else {
            throw YAMLError(.alias, at: mark, "the alias *\(name) names no anchor defined before it")
        }
        var node = target.node
        node.mark = mark
        expandedAliases = true
        try attach(node, size: target.size, adding: target.size, anchor: nil)
    }

    /// Attaches `node`, which holds `size` nodes once aliases are expanded, `added` of them not
    /// counted yet.
    private mutating func attach(_ node: Node, size: Int, adding added: Int, anchor: String?) throws(YAMLError) {
        expandedNodes += added
        if expandedNodes > YAMLParser.maximumExpandedNodes {
            let limit = YAMLParser.maximumExpandedNodes
            guard expandedAliases else {
                throw YAMLError(
                    .size, at: node.mark, "the file holds more than \(limit) YAML nodes (keys, values and items); split it into smaller files")
            }
            throw YAMLError(.alias, at: node.mark, "aliases expand this document beyond \(limit) nodes; write the values out instead")
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
            items.append(node)
        case .mapping:
            guard let key = stack[top].pendingKey else {
                if let text = node.scalar?.value {
                    if let first = firstMark(ofKey: text, in: top) {
                        throw YAMLError(.duplicateKey, at: node.mark, "duplicate key '\(text)' (first defined at line \(first.line)); keep only one")
                    }
                    stack[top].keyIndex?[text] = node.mark
                }
                stack[top].pendingKey = node
                return
            }
            entries.append(MappingEntry(key: key, value: node))
            stack[top].pendingKey = nil
        }
    }

    /// Where the key `text` stands in the mapping of frame `index`, if it is already there.
    private mutating func firstMark(ofKey text: String, in index: Int) -> Mark? {
        if let keyIndex = stack[index].keyIndex { return keyIndex[text] }
        let start = stack[index].start
        if entries.count - start < 32 {
            return entries.first(from: start) { $0.key.scalar?.value == text }?.key.mark
        }
        var keyIndex: [String: Mark] = [:]
        entries.forEach(from: start) { entry in
            if let key = entry.key.scalar?.value, keyIndex[key] == nil { keyIndex[key] = entry.key.mark }
        }
        stack[index].keyIndex = keyIndex
        return keyIndex[text]
    }
}
