import Dispatch

/// Work started on another thread, whose result the starting thread waits for when it needs it:
/// for the independent serial parts of assembling a snapshot, so two cores share them.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the work before it signals `done`; read only after waiting for it.
    private var result: Value?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
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
