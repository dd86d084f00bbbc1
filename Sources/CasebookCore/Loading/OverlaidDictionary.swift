/// A dictionary a snapshot derives from the previous snapshot's: the entries of the last full
/// build, shared and never copied, and the changes made since, kept beside them. Changing a few
/// keys costs those keys, not a copy of every entry; the changes are folded into new shared
/// entries once they reach an eighth of them.
struct OverlaidDictionary<Value: Sendable>: Sendable {
    /// The entries of the last full build: hashed, or as a full load lists them (keys in
    /// ascending order, `nil` where a key has no value), which takes no hashing to make.
    private enum Base: Sendable {
        case hashed([String: Value])
        case sorted(keys: [String], values: [Value?])
    }

    private var base: Base
    /// The values set (or, `nil`, removed) since `base`.
    private var changes: [String: Value?] = [:]
    /// How many keys have a value.
    private(set) var count: Int

    init(_ entries: [String: Value]) {
        base = .hashed(entries)
        count = entries.count
    }

    /// The entries of `keys`, in ascending order and each once, with the values beside them
    /// (`nil`: the key has none); looked up by binary search until changes are folded in.
    init(sortedKeys keys: [String], values: [Value?]) {
        precondition(keys.count == values.count, "one value (or nil) per key")
        base = .sorted(keys: keys, values: values)
        count = values.reduce(0) { $1 == nil ? $0 : $0 + 1 }
    }

    subscript(key: String) -> Value? {
        get {
            if !changes.isEmpty, let changed = changes[key] { return changed }
            switch base {
            case .hashed(let entries):
                return entries[key]
            case .sorted(let keys, let values):
                let index = keys.partitioningIndex { $0 >= key }
                return index < keys.count && keys[index] == key ? values[index] : nil
            }
        }
        set {
            count += (newValue == nil ? 0 : 1) - (self[key] == nil ? 0 : 1)
            changes[key] = .some(newValue)
            guard changes.count > count / 8 else { return }
            var entries: [String: Value]
            switch base {
            case .hashed(let hashed):
                entries = hashed
            case .sorted(let keys, let values):
                entries = Dictionary(minimumCapacity: count)
                for (key, value) in zip(keys, values) where value != nil { entries[key] = value }
            }
            for (key, value) in changes { entries[key] = value }
            base = .hashed(entries)
            changes = [:]
        }
    }

    /// Every key with a value, in no particular order.
    var keys: [String] {
        var keys: [String] = []
        keys.reserveCapacity(count)
        forEach { key, _ in keys.append(key) }
        return keys
    }

    /// Calls `body` with every key and its value, in no particular order.
    func forEach(_ body: (String, Value) -> Void) {
        switch base {
        case .hashed(let entries):
            for (key, value) in entries where changes.isEmpty || changes[key] == nil { body(key, value) }
        case .sorted(let keys, let values):
            for (key, value) in zip(keys, values) {
                if let value, changes.isEmpty || changes[key] == nil { body(key, value) }
            }
        }
        for (key, value) in changes {
            if let value { body(key, value) }
        }
    }
}
