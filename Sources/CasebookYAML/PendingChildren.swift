/// The children of the collections a ``TreeBuilder`` has open, innermost last, on one stack.
///
/// A collection that ends moves its children off the stack into an array of exactly their count:
/// one allocation per collection, and no reference counting on the way. Its owner frees it with
/// ``free()``: the builder's own deinit is not generic, so freeing costs no metadata lookup.
struct PendingChildren<Element> {
    // Room for sixteen children to start with: a file's stack fits it, and it stays small enough
    // for malloc's per-thread cache.
    private var base = UnsafeMutablePointer<Element>.allocate(capacity: 16)
    private var capacity = 16
    /// How many children wait on the stack.
    private(set) var count = 0

    /// Destroys the children still waiting and the stack itself; call it once, last.
    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    mutating func append(_ element: consuming Element) {
        if count == capacity {
            let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The children from `start` to the top, in order, taken off the stack.
    mutating func take(from start: Int) -> [Element] {
        let taken = count - start
        guard taken > 0 else { return [] }
        let source = base + start
        count = start
        // Appending moved elements to a reserved array: `Array(unsafeUninitializedCapacity:)` is not
        // specialized and looks its type up at run time on every call.
        var result: [Element] = []
        result.reserveCapacity(taken)
        for index in 0..<taken { result.append((source + index).move()) }
        return result
    }

    /// The first child from `start` on that satisfies `predicate`.
    func first(from start: Int, where predicate: (Element) -> Bool) -> Element? {
        for index in start..<count where predicate(base[index]) { return base[index] }
        return nil
    }

    /// Calls `body` with each child from `start` on.
    func forEach(from start: Int, _ body: (Element) -> Void) {
        for index in start..<count { body(base[index]) }
    }
}
