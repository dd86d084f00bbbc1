import CasebookTestSupport
import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running server keeps answering while it does heavy work, and hostile requests do not stop it.
@Suite(.serialized) struct ServerReliabilityTests {
    typealias Server = ServerProcessTests.Server

    /// Runs `git` in `folder`.
    static func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerProcessTests.CommandFailure("git \(arguments) failed") }
    }

    /// While the snapshot of another commit (every file new) is built for a `?ref=` read,
    /// `/health/live` and a read of the followed snapshot answer at once: the build runs on a pool
    /// of its own, not on the threads that serve requests.
    @Test func readsAnswerWhileASnapshotIsBuilt() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let repo = folder.path + "/repo", other = folder.path + "/other"
        #expect(try CommandLineTests.casebook(["generate", "--cases", "200", repo]).status == 0)
        #expect(try CommandLineTests.casebook(["generate", "--cases", "\(Self.otherCases)", "--seed", "7", other]).status == 0)
        try Self.git(["fetch", "-q", other, "HEAD:other"], in: repo)
        let server = try await Server.start([
            "--project", repo, "--database", folder.path + "/db/casebook.sqlite", "--poll", "0", "--anonymous-read", "--log-level", "error",
        ])
        defer { server.kill() }
        // Requests and their clocks run on threads of their own: under the whole suite, tests
        // blocking Swift's two pool threads delayed a read's answer by a second, the server's
        // answer being long ready.
        let port = server.port
        let built = Flag()
        let building = RawHTTP.onThread {
            defer { built.set() }
            let started = ContinuousClock.now
            let answer = try RawHTTP.exchangeWaiting(
                port: port, "GET /api/v1/projects/GEN/cases/GEN-1?ref=other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return (answer.hasPrefix("HTTP/1.1 200") ? 200 : 0, ContinuousClock.now - started)
        }
        let reading = RawHTTP.onThread {
            Thread.sleep(forTimeInterval: 0.3)
            var waits: [Duration] = [], answers: [String] = []
            while !built.isSet {
                // A connection of its own for each: connections are spread over the event loops, and
                // one whose loop built the snapshot waited for the build.
                for path in ["/health/live", "/api/v1/projects/GEN/cases/GEN-2"] {
                    let started = ContinuousClock.now
                    answers.append(try RawHTTP.exchangeWaiting(port: port, "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    waits.append(ContinuousClock.now - started)
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return (waits, answers)
        }
        let (waits, answers) = try await reading.value
        #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
        let (status, took) = try await building.value
        #expect(status == 200)
        #expect(took > .seconds(1), "the build must be long enough to show anything: make otherCases larger")
        // When a build held an event loop, the first read on that loop (the second at the latest:
        // new connections go to the two loops in turn) waited for the build's end (0.77 s of a
        // build of 1.07 s), and no read came after it. Now reads are answered all through the
        // build: within 50 ms each when this suite runs alone, slower while the whole suite keeps
        // both cores busy.
        let sorted = waits.sorted()
        #expect(waits.count >= 4, "\(waits.count) reads answered during a build of \(took): \(sorted)")
        #expect(sorted.isEmpty || sorted[sorted.count / 2] < took / 4, "reads took \(sorted) during a build of \(took)")
    }

    /// Bodies that are malformed, shorter than announced or broken off are client errors: a 400
    /// or a closed connection, nothing logged as a server error, and the server goes on. A body
    /// sent too slowly is cut off with 408 at `--request-timeout`.
    @Test func brokenAndSlowBodiesAreTheClientsErrors() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/db/casebook.sqlite"
        let token = try ServerProcessTests.adminToken(database: database)
        let errors = Pipe()
        let server = try await Server.start(
            [
                "--project", CommandLineTests.root + "/sample-repo", "--database", database, "--poll", "0", "--log-level", "error",
                "--request-timeout", "2",
            ],
            errors: errors)
        defer { server.kill() }
        let post = "POST /api/v1/projects/SHOP/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
        let chunked = try await RawHTTP.exchange(port: server.port, post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
        #expect(chunked.hasPrefix("HTTP/1.1 400"), "\(chunked)")
        let short = try await RawHTTP.exchange(port: server.port, post + "Content-Length: 100\r\n\r\n{\"plan\":", halfClose: true)
        #expect(short.isEmpty || short.hasPrefix("HTTP/1.1 400"), "\(short)")
        let huge = try await RawHTTP.exchange(
            port: server.port, post + "Content-Length: 10000000000\r\n\r\n{\"plan\":\"PLAN-SMOKE\"", halfClose: true)
        #expect(huge.isEmpty || huge.hasPrefix("HTTP/1.1 4"), "\(huge)")

        let started = ContinuousClock.now
        let slow = try await RawHTTP.exchange(
            port: server.port, post + "Content-Length: 40\r\n\r\n{", "\"", "p", "l", "a", "n", "\"", pause: .seconds(1), timeout: .seconds(20))
        #expect(slow.hasPrefix("HTTP/1.1 408") && slow.contains("request-timeout"), "\(slow)")
        #expect(ContinuousClock.now - started < .seconds(6))

        #expect(try await server.request("GET", "/health/live").0 == 200)
        server.kill()
        let logged = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!logged.contains("error"), "\(logged)")
    }

    /// `--access-log FILE`: a line per request reaches the file while the server runs.
    @Test func theAccessLogGoesWhereItIsSent() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = folder.path + "/access.log"
        let server = try await Server.start([
            "--project", CommandLineTests.root + "/sample-repo", "--database", folder.path + "/db/casebook.sqlite", "--poll", "0", "--anonymous-read",
            "--access-log", log,
        ])
        defer { server.kill() }
        #expect(try await server.request("GET", "/api/v1/projects/SHOP/cases/SHOP-101").0 == 200)
        var written = ""
        for _ in 0..<50 where !written.contains("GET /api/v1/projects/SHOP/cases/SHOP-101 200 ") {
            try await Task.sleep(for: .milliseconds(100))
            written = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        }
        #expect(written.contains("GET /api/v1/projects/SHOP/cases/SHOP-101 200 "), "\(written)")
        #expect(written.contains("GET /health/ready 200 "))
    }

    /// Cases of the other commit: enough for a build of a few seconds in a debug build.
    static let otherCases = 20_000
}

/// HTTP/1.1 spoken over a socket by hand: for requests no HTTP client sends (broken bodies,
/// bodies sent slowly) and for a new connection per request.
enum RawHTTP {
    /// Runs `body` on a thread of its own; the task's value is its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> Task<T, any Error> {
        Task {
            try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
            }
        }
    }

    /// Sends `request` on a new connection and reads the answer, waiting on the calling thread.
    static func exchangeWaiting(port: Int, _ request: String, timeout: Duration = .seconds(30)) throws -> String {
        let connection = try LoopbackConnection(port: port)
        connection.send(request)
        return try connection.receiveAllWaiting(within: timeout)
    }

    /// Connects to 127.0.0.1:`port`, sends each of `parts` (pausing `pause` between them), shuts
    /// the sending side when `halfClose` and reads until the server closes (or `timeout`).
    static func exchange(port: Int, _ parts: String..., pause: Duration = .zero, halfClose: Bool = false, timeout: Duration = .seconds(30))
        async throws -> String
    {
        let connection = try LoopbackConnection(port: port)
        for (index, part) in parts.enumerated() {
            if index > 0 { try await Task.sleep(for: pause) }
            // A server that has closed the connection makes the send fail: what it answered is still read.
            guard connection.send(part) else { break }
        }
        if halfClose { connection.finishSending() }
        return try await connection.receiveAll(within: timeout)
    }
}

/// Set once, read from anywhere.
final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
