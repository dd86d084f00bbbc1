import Synchronization

/// "Did you mean" help: the closest candidate within a small edit distance.
package enum Suggestion {
    /// The candidate nearest to `word`, if it is near enough to be a likely typo (of equally near
    /// ones, the first in sort order, so that the answer does not depend on the candidates' order).
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = limit(for: word)
        let target = Array(word.lowercased().unicodeScalars)
        var rows = Rows()
        var best: (String, Int)?
        for candidate in candidates {
            // Checked before the scalars are copied out: a candidate whose length is too far off is not near.
            let lowered = candidate.lowercased()
            guard abs(lowered.unicodeScalars.count - target.count) <= limit else { continue }
            let distance = rows.distance(target, Array(lowered.unicodeScalars), limit: limit)
            consider(candidate, distance: distance, limit: limit, best: &best)
        }
        return best?.0
    }

    /// " (did you mean 'x'?)" or nothing.
    package static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        phrase(nearest(to: word, in: candidates))
    }

    static func phrase(_ nearest: String?) -> String {
        nearest.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// How many edits make a likely typo of `word`.
    static func limit(for word: String) -> Int {
        max(1, word.count / 3)
    }

    /// Keeps `candidate` in `best` when it is within `limit` and nearer (or as near and first in
    /// sort order).
    static func consider(_ candidate: String, distance: Int, limit: Int, best: inout (String, Int)?) {
        guard distance <= limit else { return }
        if let (nearest, least) = best, least < distance || (least == distance && nearest < candidate) { return }
        best = (candidate, distance)
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        var rows = Rows()
        return rows.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The two rows of the distance table, kept from one candidate to the next: 45,000 unknown
    /// keys in a file each compared with every allowed key allocated two arrays a comparison.
    struct Rows {
        private var previous: [Int] = [], current: [Int] = []

        mutating func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
            if abs(a.count - b.count) > limit { return limit + 1 }
            if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: 0...b.count)
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: repeatElement(0, count: b.count + 1))
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    rowMinimum = min(rowMinimum, current[j])
                }
                if rowMinimum > limit { return limit + 1 }
                swap(&previous, &current)
            }
            return previous[b.count]
        }
    }
}

/// "Did you mean" over a set of candidates that may be large (every case id of a repository),
/// asked once per unknown reference: a scan of every candidate per reference made a plan naming
/// 3,000 unknown ids of a 100,000-case repository take minutes. Sets up to ``scanLimit`` are
/// scanned as ``Suggestion/nearest(to:in:)`` does; a larger set is indexed, on the first question,
/// by its candidates' one-character deletions (as SymSpell does), so a question costs a lookup per
/// character of the word. It then finds the candidates one edit or one swap of neighbours away.
final class Suggestions: Sendable {
    /// The largest set scanned whole for each question.
    static let scanLimit = 512
    private let candidates: @Sendable () -> [String]
    private let index = Mutex<DeletionIndex?>(nil)

    /// Suggestions among what `candidates` gives, asked for the first time a question comes.
    init(_ candidates: @escaping @Sendable () -> [String]) {
        self.candidates = candidates
    }

    /// " (did you mean 'x'?)" or nothing.
    func hint(for word: String) -> String {
        Suggestion.phrase(nearest(to: word))
    }

    /// The candidate nearest to `word`, if it is near enough to be a likely typo.
    func nearest(to word: String) -> String? {
        index.withLock { index in
            if index == nil { index = DeletionIndex(candidates()) }
            return index!.nearest(to: word)
        }
    }

    /// The candidates, and for a large set the hashes of each one's lowercased text and of its
    /// one-character deletions, sorted, each beside the candidate it comes from.
    private struct DeletionIndex {
        let candidates: [String]
        let entries: [(hash: Int, candidate: Int32)]

        init(_ candidates: [String]) {
            self.candidates = candidates
            guard candidates.count > Suggestions.scanLimit else {
                entries = []
                return
            }
            var entries: [(hash: Int, candidate: Int32)] = []
            entries.reserveCapacity(candidates.count * 10)
            for (number, candidate) in candidates.enumerated() {
                Self.forEachVariant(of: Array(candidate.lowercased().unicodeScalars)) { entries.append(($0, Int32(number))) }
            }
            entries.sort { $0.hash < $1.hash }
            self.entries = entries
        }

        func nearest(to word: String) -> String? {
            guard !entries.isEmpty else { return Suggestion.nearest(to: word, in: candidates) }
            let target = Array(word.lowercased().unicodeScalars), limit = Suggestion.limit(for: word)
            var seen = Set<Int32>(), best: (String, Int)?, rows = Suggestion.Rows()
            Self.forEachVariant(of: target) { hash in
                var position = entries.partitioningIndex { $0.hash >= hash }
                while position < entries.count, entries[position].hash == hash {
                    let number = entries[position].candidate
                    position += 1
                    guard seen.insert(number).inserted else { continue }
                    let candidate = candidates[Int(number)]
                    let distance = rows.distance(target, Array(candidate.lowercased().unicodeScalars), limit: limit)
                    Suggestion.consider(candidate, distance: distance, limit: limit, best: &best)
                }
            }
            return best?.0
        }

        /// The hash of `scalars` and of each text one scalar shorter, in one pass: a polynomial
        /// hash, so that each shorter text's hash is its prefix's and its suffix's put together
        /// (hashing each anew cost a pass per scalar, a fifth of validating 100,000 cases with a
        /// plan naming 3,000 unknown ones). Equal hashes of different texts only cost a comparison.
        private static func forEachVariant(of scalars: [Unicode.Scalar], _ body: (Int) -> Void) {
            let base: UInt64 = 0x100_0000_01b3
            var powers = [UInt64](repeating: 1, count: scalars.count + 1)
            var prefixes = [UInt64](repeating: 0, count: scalars.count + 1)
            for (index, scalar) in scalars.enumerated() {
                powers[index + 1] = powers[index] &* base
                prefixes[index + 1] = prefixes[index] &* base &+ UInt64(scalar.value) &+ 1
            }
            body(Int(bitPattern: UInt(prefixes[scalars.count])))
            var suffix: UInt64 = 0  // the hash of the scalars after `skipped`
            for skipped in scalars.indices.reversed() {
                if skipped == 0 || scalars[skipped] != scalars[skipped - 1] {
                    let after = scalars.count - skipped - 1
                    body(Int(bitPattern: UInt(prefixes[skipped] &* powers[after] &+ suffix)))
                }
                suffix = suffix &+ (UInt64(scalars[skipped].value) &+ 1) &* powers[scalars.count - skipped - 1]
            }
        }
    }
}
