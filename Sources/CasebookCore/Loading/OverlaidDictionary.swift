/// A dictionary a snapshot derives from the previous snapshot's: the entries of the last full
/// build, shared and never copied, and the changes made since, kept beside them. Changing a few
/// keys costs those keys, not a copy of every entry; the changes are folded into new shared
/// entries once they reach an eighth of them.
struct OverlaidDictionary<Value: Sendable>: Sendable {
    private var base: [String: Value]
    /// The values set (or, `nil`, removed) since `base`.
    private var changes: [String: Value?] = [:]
    /// How many keys have a value.
    private(set) var count: Int

    init(_ entries: [String: Value]) {
        base = entries
        count = entries.count
    }

    subscript(key: String) -> Value? {
        get {
            if !changes.isEmpty, let changed = changes[key] { return changed }
            return base[key]
        }
        set {
            count += (newValue == nil ? 0 : 1) - (self[key] == nil ? 0 : 1)
            changes[key] = .some(newValue)
            guard changes.count > base.count / 8 else { return }
            for (key, value) in changes { base[key] = value }
            changes = [:]
        }
    }

    /// Every key with a value, in no particular order.
    var keys: [String] {
        if changes.isEmpty { return Array(base.keys) }
        var keys: [String] = []
        keys.reserveCapacity(count)
        forEach { key, _ in keys.append(key) }
        return keys
    }

    /// Calls `body` with every key and its value, in no particular order.
    func forEach(_ body: (String, Value) -> Void) {
        if changes.isEmpty {
            for (key, value) in base { body(key, value) }
            return
        }
        for (key, value) in base where changes[key] == nil { body(key, value) }
        for (key, value) in changes {
            if let value { body(key, value) }
        }
    }
}
