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
            let connection = try Connection(port: try #require(client.port))
            defer { close(connection.socket) }
            try connection.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let answer = try #require(try connection.receive(within: .seconds(10)))
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            // Kept alive after the answer, then closed once idle: the read ends (0 bytes), it does not time out.
            #expect(try connection.receive(within: .seconds(10)) == "")
        }
    }

    /// A plain TCP connection to the server on 127.0.0.1.
    struct Connection {
        struct Failure: Error {
            let call: String
        }

        let socket: Int32

        init(port: Int) throws {
            socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard socket >= 0, connected == 0 else { throw Failure(call: "connect") }
        }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            guard Foundation.send(socket, bytes, bytes.count, 0) == bytes.count else { throw Failure(call: "send") }
        }

        /// What arrives within `limit`: "" when the server closed the connection, `nil` when nothing came.
        func receive(within limit: Duration) throws -> String? {
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(limit.inSeconds * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count >= 0 else { throw Failure(call: "recv") }
            return String(decoding: buffer[..<count], as: UTF8.self)
        }
    }
}
