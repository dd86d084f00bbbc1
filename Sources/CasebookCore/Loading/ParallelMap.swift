import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` across every core, keeping the order; `transform` runs concurrently.
    package func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        parallelMap(worker: {}) { _, element in transform(element) }
    }

    /// `map` across every core, keeping the order. Each worker (one per core) makes its own state
    /// once with `makeState` (such as a file reader that must stay on one thread) and hands it to
    /// `transform` for each element it maps. The elements are taken in up to 64 chunks, each by
    /// whichever worker is free, so a slow worker does not hold the others up.
    package func parallelMap<State, T: Sendable>(worker makeState: @Sendable () -> State, _ transform: @Sendable (inout State, Element) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        let chunks = Swift.min(count, 64)
        let next = Atomic(0)
        let input = self
        DispatchQueue.concurrentPerform(iterations: Swift.min(chunks, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            var state: State?
            while case let chunk = next.add(1, ordering: .relaxed).oldValue, chunk < chunks {
                if state == nil { state = makeState() }
                var index = chunk * input.count / chunks
                let end = (chunk + 1) * input.count / chunks
                while index < end {
                    slots.set(index, transform(&state!, input[index]))
                    index += 1
                }
            }
        }
        return slots.take()
    }
}

/// Write-once result slots shared by the workers of ``Swift/Array/parallelMap(worker:_:)``: each index is
/// written by exactly one worker, and read only after all of them have finished.
private final class Slots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T>

    init(count: Int) {
        buffer = .allocate(capacity: count)
    }

    deinit {
        buffer.deallocate()
    }

    func set(_ index: Int, _ value: T) {
        (buffer.baseAddress! + index).initialize(to: value)
    }

    /// Moves every value out; call once, after every slot was set.
    func take() -> [T] {
        [T](unsafeUninitializedCapacity: buffer.count) { target, count in
            _ = target.moveInitialize(fromContentsOf: buffer)
            count = buffer.count
        }
    }
}
