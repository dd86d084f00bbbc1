import ServiceLifecycle

/// Writes the access log's lines every 200 ms, and the last ones when the server stops.
struct AccessLogFlusher: Service {
    let log: AccessLog

    func run() async throws {
        defer { log.flush() }
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: .milliseconds(200))
                    log.flush()
                }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            // The wait was cut short by the shutdown: a clean stop.
        }
    }
}
