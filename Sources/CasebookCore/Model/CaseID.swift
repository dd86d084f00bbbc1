/// Case ids like `SHOP-101`: a project key, a dash and a number.
package enum CaseID {
    /// The key and the number of `id`, or `nil` when it does not have that form.
    package static func parts(_ id: String) -> (key: Substring, number: Int)? {
        guard let dash = id.lastIndex(of: "-"), let number = Int(id[id.index(after: dash)...]), number >= 0 else { return nil }
        return (id[..<dash], number)
    }

    /// The order people expect: by key, then by number (`SHOP-9` before `SHOP-10`).
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (parts(lhs), parts(rhs)) {
        case (let left?, let right?) where left.key != right.key || left.number != right.number:
            return (left.key, left.number) < (right.key, right.number)
        default:
            return lhs < rhs
        }
    }
}
