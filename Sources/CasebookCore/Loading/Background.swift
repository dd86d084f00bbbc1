import Foundation

/// Work started on a thread of its own, whose result the starting thread waits for when it needs
/// it: for the independent serial parts of assembling a snapshot, so two cores share them. (A
/// thread of its own, not a global queue: the queues' pool, as wide as the cores and already
/// running the caller, would start a second background task only after the first.)
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the work before it signals `done`; read only after waiting for it.
    private var result: Value?

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread {
            self.result = work()
            self.done.signal()
        }
    }

    /// The work's result, waiting for it to finish; call once.
    func wait() -> Value {
        done.wait()
        return result!
    }
}
