import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to a server on 127.0.0.1, for what HTTP clients do not send: requests
/// written by hand, bodies sent slowly or broken off, a connection of its own per request.
/// Reads wait on a thread of their own: a test blocking one of Swift's pool (two threads on two
/// cores) while another test blocked the other starved the servers tests run in their process.
package final class LoopbackConnection: Sendable {
    package struct Failure: Error, CustomStringConvertible {
        package let call: String
        package var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    package let socket: Int32

    package init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // On a failure the socket is closed by deinit, which runs once every property is set.
        guard connected == 0 else { throw Failure(call: "connect to port \(port)") }
    }

    deinit {
        close(socket)
    }

    /// Sends `text` whole; `false` when the server has closed the connection.
    @discardableResult
    package func send(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == text.utf8.count
    }

    /// Shuts the sending side: the server reads the end of the request.
    package func finishSending() {
        shutdown(socket, Int32(SHUT_WR))
    }

    /// What arrives within `limit`: "" when the server closed the connection, `nil` when nothing came.
    package func receive(within limit: Duration) async throws -> String? {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try self.receiveWaiting(within: limit) }) }
        }
    }

    /// What arrives within `limit`, waiting on the calling thread: for a thread of the test's own.
    package func receiveWaiting(within limit: Duration) throws -> String? {
        var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&ready, 1, milliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure(call: "recv") }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Everything that arrives until the server closes the connection, or nothing more comes
    /// within `limit`.
    package func receiveAll(within limit: Duration) async throws -> String {
        var answer = ""
        while let part = try await receive(within: limit), !part.isEmpty { answer += part }
        return answer
    }

    /// Everything that arrives until the server closes the connection, waiting on the calling thread.
    package func receiveAllWaiting(within limit: Duration) throws -> String {
        var answer = ""
        while let part = try receiveWaiting(within: limit), !part.isEmpty { answer += part }
        return answer
    }
}
