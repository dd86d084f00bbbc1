import CasebookTestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// Connections left idle are closed, so that clients that keep them open cannot use up the
/// server's file descriptors.
@Suite struct IdleConnectionTests {
    @Test func anIdleConnectionIsClosedAfterTheTimeout() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.idleTimeout = .milliseconds(300)
        let app = try await buildApplication(options)
        try await app.test(.live) { client in
            let connection = try LoopbackConnection(port: try #require(client.port))
            connection.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let answer = try #require(try await connection.receive(within: .seconds(10)))
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            // Kept alive after the answer, then closed once idle: the read ends (0 bytes), it does not time out.
            #expect(try await connection.receive(within: .seconds(10)) == "")
        }
    }
}
