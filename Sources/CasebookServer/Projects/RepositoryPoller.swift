import Logging
import ServiceLifecycle

/// Follows the tracked branches: every `interval`, refreshes each project (fetching first when it
/// follows a remote). Stops on graceful shutdown.
struct RepositoryPoller: Service {
    let projects: ProjectRegistry
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await poll()
        } catch is CancellationError where Task.isShuttingDownGracefully {
            // The wait for the next poll was cut short by the shutdown: a clean stop.
        }
    }

    private func poll() async throws {
        try await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                for project in projects.all {
                    let outcome = await project.refresh()
                    if let error = outcome.error {
                        logger.warning(
                            "cannot read the repository; the last snapshot stays served",
                            metadata: ["project": "\(project.key)", "error": "\(error)"])
                    } else if outcome.changed {
                        logger.info(
                            "new snapshot",
                            metadata: ["project": "\(project.key)", "commit": "\(outcome.commit)", "parsed_files": "\(outcome.parsedFiles)"])
                    }
                }
            }
        }
    }
}
