/// Lines up the steps of two versions of a case or block. Steps have no ids, so: the longest
/// common run of identical steps stays put; an identical step found elsewhere moved; the steps
/// left over between two fixed ones are the same step changed in place when both sides have one
/// of the same kind (action or `use:`), else added or removed.
enum StepAlignment {
    /// Past this many step pairs, steps are not aligned: every step of both sides is listed.
    static let maximumPairs = 1_000_000

    static func changes(from old: [Step.Kind], to new: [Step.Kind]) -> [StepChange] {
        if old == new { return [] }
        guard old.count * new.count <= maximumPairs else {
            return old.indices.map { StepChange(kind: .removed, from: $0 + 1, to: nil, old: old[$0], new: nil) }
                + new.indices.map { StepChange(kind: .added, from: nil, to: $0 + 1, old: nil, new: new[$0]) }
        }
        let anchors = commonSubsequence(old, new)
        var oldLeft = Set(old.indices).subtracting(anchors.map(\.0))
        var newLeft = Set(new.indices).subtracting(anchors.map(\.1))
        var changes: [StepChange] = []

        // An identical step on both sides that is not an anchor moved.
        for j in new.indices where newLeft.contains(j) {
            guard let i = old.indices.first(where: { oldLeft.contains($0) && old[$0] == new[j] }) else { continue }
            oldLeft.remove(i)
            newLeft.remove(j)
            changes.append(StepChange(kind: .moved, from: i + 1, to: j + 1, old: old[i], new: new[j]))
        }

        // Between two anchors, leftover steps pair up in order as changes in place.
        let bounds = [(-1, -1)] + anchors + [(old.count, new.count)]
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            var removed = (lower.0 + 1..<upper.0).filter(oldLeft.contains)
            let added = (lower.1 + 1..<upper.1).filter(newLeft.contains)
            for j in added {
                guard let position = removed.firstIndex(where: { sameShape(old[$0], new[j]) }) else { continue }
                let i = removed.remove(at: position)
                oldLeft.remove(i)
                newLeft.remove(j)
                changes.append(StepChange(kind: .changed, from: i + 1, to: j + 1, old: old[i], new: new[j]))
            }
        }

        // A step left over on both sides that reads mostly the same moved and was edited.
        for j in new.indices where newLeft.contains(j) {
            guard let i = old.indices.first(where: { oldLeft.contains($0) && sameShape(old[$0], new[j]) && similar(old[$0], new[j]) }) else {
                continue
            }
            oldLeft.remove(i)
            newLeft.remove(j)
            changes.append(StepChange(kind: .moved, from: i + 1, to: j + 1, old: old[i], new: new[j]))
        }
        changes += oldLeft.sorted().map { StepChange(kind: .removed, from: $0 + 1, to: nil, old: old[$0], new: nil) }
        changes += newLeft.sorted().map { StepChange(kind: .added, from: nil, to: $0 + 1, old: nil, new: new[$0]) }
        // In the order a reader walks the new version: by head number, removed steps where they stood.
        return changes.sorted { ($0.to ?? $0.from ?? 0, $0.to == nil ? 0 : 1) < ($1.to ?? $1.from ?? 0, $1.to == nil ? 0 : 1) }
    }

    /// Whether at least half of the two steps' text is common to both.
    private static func similar(_ lhs: Step.Kind, _ rhs: Step.Kind) -> Bool {
        guard case .action(let oldAction, let oldExpected) = lhs, case .action(let newAction, let newExpected) = rhs else { return false }
        let old = oldAction + "\n" + oldExpected, new = newAction + "\n" + newExpected
        let common = WordDiff.segments(from: old, to: new).filter { $0.operation == .equal }.reduce(0) { $0 + $1.text.count }
        return 2 * common >= old.count + new.count - 2 * common
    }

    /// Whether two steps are one step edited: both actions, or both `use:`.
    private static func sameShape(_ lhs: Step.Kind, _ rhs: Step.Kind) -> Bool {
        switch (lhs, rhs) {
        case (.action, .action), (.use, .use): true
        default: false
        }
    }

    /// Index pairs of a longest common subsequence, in order.
    private static func commonSubsequence(_ old: [Step.Kind], _ new: [Step.Kind]) -> [(Int, Int)] {
        let width = new.count + 1
        var lengths = [Int](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    old[i] == new[j] ? lengths[(i + 1) * width + j + 1] + 1 : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0, j = 0
        while i < old.count, j < new.count {
            if old[i] == new[j] {
                pairs.append((i, j))
                i += 1
                j += 1
            } else if lengths[(i + 1) * width + j] > lengths[i * width + j + 1] {
                // On a tie, skip the new step: a step moved up reads as that one step moving.
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }
}
