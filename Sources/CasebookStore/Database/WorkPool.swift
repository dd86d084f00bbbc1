import Dispatch

/// Runs slow, blocking work (bcrypt) on a global dispatch queue rather than on a thread of
/// Swift's cooperative pool.
func offloaded<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

/// ``offloaded(_:)`` for work that throws.
func offloadedThrowing<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await offloaded { Result { try work() } }.get()
}
