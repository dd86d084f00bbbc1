import CasebookYAML

/// A value with the place in its file it was written at.
package struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    package var value: Value
    package var mark: Mark

    package init(_ value: Value, at mark: Mark) {
        self.value = value
        self.mark = mark
    }
}
