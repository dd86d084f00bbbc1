import NIOPosix

/// Runs slow, blocking work (bcrypt, building a snapshot, a diff, parsing a large body) on NIO's
/// pool of blocking threads: bounded (one thread per core), and apart from the event loops that
/// serve connections. `casebook serve` makes those event loops Swift's global executor, so work
/// done in a handler or an actor holds up every connection of its loop, `/health/live` included.
package func offloaded<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await NIOThreadPool.singleton.runIfActive(work)
}
