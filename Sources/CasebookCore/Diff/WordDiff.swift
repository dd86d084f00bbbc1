/// A word-by-word comparison of two texts, for showing what changed in a title or a step.
package enum WordDiff {
    /// One run of the compared texts: kept, taken out of the old text, or put into the new one.
    package struct Segment: Sendable, Hashable {
        package enum Operation: String, Sendable {
            case equal, delete, insert
        }

        package var operation: Operation
        package var text: String
    }

    /// Past this many word pairs the texts are shown as one deletion and one insertion: the
    /// comparison is quadratic, and a wholesale rewrite reads better whole anyway.
    static let maximumPairs = 250_000

    /// The segments that turn `old` into `new`, splitting at word and white-space boundaries;
    /// each run of changes is one deletion followed by one insertion.
    package static func segments(from old: String, to new: String) -> [Segment] {
        let before = tokens(old), after = tokens(new)
        guard before.count * after.count <= maximumPairs else {
            return [Segment(operation: .delete, text: old), Segment(operation: .insert, text: new)].filter { !$0.text.isEmpty }
        }
        // Longest common subsequence by dynamic programming over the token suffixes.
        let width = after.count + 1
        var lengths = [Int](repeating: 0, count: (before.count + 1) * width)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                lengths[i * width + j] =
                    before[i] == after[j]
                    ? lengths[(i + 1) * width + j + 1] + 1 : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        // Walk the table; a run of changes between two kept tokens becomes one deletion, then one insertion.
        var segments: [Segment] = []
        var kept = "", deleted = "", inserted = ""
        func flushChanges() {
            if !deleted.isEmpty { segments.append(Segment(operation: .delete, text: deleted)) }
            if !inserted.isEmpty { segments.append(Segment(operation: .insert, text: inserted)) }
            deleted = ""
            inserted = ""
        }
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, before[i] == after[j] {
                flushChanges()
                kept += before[i]
                i += 1
                j += 1
                continue
            }
            if !kept.isEmpty {
                segments.append(Segment(operation: .equal, text: kept))
                kept = ""
            }
            if j < after.count, i == before.count || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j] {
                inserted += after[j]
                j += 1
            } else {
                deleted += before[i]
                i += 1
            }
        }
        flushChanges()
        if !kept.isEmpty { segments.append(Segment(operation: .equal, text: kept)) }
        return segments
    }

    /// Words, runs of white space and single punctuation marks, in order; joined they give `text` back.
    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        var current: Character.Class?
        for index in text.indices {
            let kind = Character.Class(text[index])
            if let current, current != kind || kind == .punctuation {
                tokens.append(text[start..<index])
                start = index
            }
            current = kind
        }
        if start < text.endIndex { tokens.append(text[start...]) }
        return tokens
    }
}

extension Character {
    /// What a character counts as when text is cut into words.
    fileprivate enum Class {
        case word, space, punctuation

        init(_ character: Character) {
            if character.isWhitespace {
                self = .space
            } else if character.isLetter || character.isNumber || character == "_" {
                self = .word
            } else {
                self = .punctuation
            }
        }
    }
}
