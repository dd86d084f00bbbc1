/// The cases of a snapshot in path order. Held in chunks, so that a snapshot derived from the
/// previous one copies only the chunks its changes fall in and shares the others. Each chunk
/// keeps its cases' signatures side by side, for filters to scan without reading the cases.
package struct CaseList: RandomAccessCollection, Sendable {
    /// How many cases a chunk holds when a list is built; a chunk that grows to twice that splits.
    static let chunkSize = 1024
    private let chunks: [Chunk]
    /// Where each chunk starts in the list.
    private let starts: [Int]
    package let endIndex: Int
    package var startIndex: Int { 0 }

    /// The list of `cases`, given in path order.
    init(_ cases: [TestCase]) {
        self.init(
            chunks: stride(from: 0, to: cases.count, by: Self.chunkSize).map { Chunk(Array(cases[$0..<Swift.min($0 + Self.chunkSize, cases.count)])) }
        )
    }

    private init(chunks: [Chunk]) {
        self.chunks = chunks.filter { !$0.cases.isEmpty }
        var starts: [Int] = [], total = 0
        for chunk in self.chunks {
            starts.append(total)
            total += chunk.cases.count
        }
        self.starts = starts
        endIndex = total
    }

    package subscript(position: Int) -> TestCase {
        let chunk = starts.partitioningIndex { $0 > position } - 1
        return chunks[chunk].cases[position - starts[chunk]]
    }

    /// Calls `body` with the position and the case of every case, in order, whose signature
    /// `filter` admits; the others are not read.
    func forEach(admittedBy filter: SignatureFilter, _ body: (Int, TestCase) -> Void) {
        for (chunk, start) in zip(chunks, starts) {
            // Through the buffer, each case is lent to `body`, not copied: a copy retained every
            // reference a case holds, which was a third of an unfiltered list's time.
            chunk.cases.withUnsafeBufferPointer { cases in
                for (offset, signature) in chunk.signatures.enumerated() where filter.admits(signature) {
                    body(start + offset, cases[offset])
                }
            }
        }
    }

    package func makeIterator() -> Iterator {
        Iterator(chunks: chunks)
    }

    /// Walks the chunks in order.
    package struct Iterator: IteratorProtocol {
        fileprivate let chunks: [Chunk]
        private var chunk = 0, index = 0

        fileprivate init(chunks: [Chunk]) {
            self.chunks = chunks
        }

        package mutating func next() -> TestCase? {
            while chunk < chunks.count {
                if index < chunks[chunk].cases.count {
                    defer { index += 1 }
                    return chunks[chunk].cases[index]
                }
                chunk += 1
                index = 0
            }
            return nil
        }
    }

    /// The list with the cases at the paths in `removed` taken out and `inserted` put in path order.
    func replacing(paths removed: [String], with inserted: [TestCase]) -> CaseList {
        guard !chunks.isEmpty else { return CaseList(inserted.sorted { $0.path < $1.path }) }
        let firstPaths = chunks.map { $0.cases[0].path }
        func chunk(of path: String) -> Int {
            Swift.max(0, firstPaths.partitioningIndex { $0 > path } - 1)
        }
        var leaving: [Int: [String]] = [:], entering: [Int: [(key: String, element: TestCase)]] = [:]
        for path in removed { leaving[chunk(of: path), default: []].append(path) }
        for testCase in inserted { entering[chunk(of: testCase.path), default: []].append((testCase.path, testCase)) }
        var next: [Chunk] = []
        next.reserveCapacity(chunks.count + 1)
        for (index, chunk) in chunks.enumerated() {
            guard leaving[index] != nil || entering[index] != nil else {
                next.append(chunk)
                continue
            }
            let changed = chunk.cases.replacing(keys: leaving[index] ?? [], with: entering[index] ?? [], key: \.path)
            if changed.count < 2 * Self.chunkSize {
                next.append(Chunk(changed))
            } else {
                next.append(Chunk(Array(changed[..<(changed.count / 2)])))
                next.append(Chunk(Array(changed[(changed.count / 2)...])))
            }
        }
        return CaseList(chunks: next)
    }
}

/// Some cases of a ``CaseList`` and their signatures.
private struct Chunk: Sendable {
    let cases: [TestCase]
    let signatures: [UInt64]

    init(_ cases: [TestCase]) {
        self.cases = cases
        signatures = cases.map(\.signature)
    }
}
