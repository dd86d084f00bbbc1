import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where the access log goes: standard output, a file (appended to), or nowhere.
package enum AccessLogDestination: Sendable, Equatable {
    case standardOutput
    case file(String)
    case off

    /// `stdout`, `off`, or the path of a file.
    package init(_ text: String) {
        switch text {
        case "stdout": self = .standardOutput
        case "off": self = .off
        default: self = .file(text)
        }
    }
}

/// The access log: one preformatted line per request (time, method, path, status, milliseconds,
/// request id), gathered in memory and written in blocks by ``AccessLogFlusher`` (or by the
/// request that fills a block), not formatted by swift-log and written line by line: that cost
/// `GET /cases/{id}` a fifth to three fifths of its throughput.
final class AccessLog: Sendable {
    /// What the flusher writes at once; a request that fills it writes it itself.
    static let blockSize = 64 * 1024

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private let pending = Mutex<[UInt8]>([])
    /// The time prefix of the current second, made once a second.
    private let clock = Mutex<(second: Int, text: String)>((0, ""))

    /// The log writing to `destination`; `nil` for `off`.
    init?(_ destination: AccessLogDestination) throws {
        switch destination {
        case .off:
            return nil
        case .standardOutput:
            descriptor = STDOUT_FILENO
            ownsDescriptor = false
        case .file(let path):
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw ServerError.unwritableAccessLog(path: path, reason: String(cString: strerror(errno))) }
            ownsDescriptor = true
        }
    }

    deinit {
        flush()
        if ownsDescriptor { close(descriptor) }
    }

    /// Adds the line of one request.
    func record(method: String, path: String, status: Int, seconds: Double, requestID: String) {
        var line = time()
        line += " "
        line += method
        line += " "
        line += path
        line += " \(status) \(Int((seconds * 1000).rounded()))ms "
        line += requestID
        line += "\n"
        let full = pending.withLock { pending -> [UInt8]? in
            pending.append(contentsOf: line.utf8)
            guard pending.count >= Self.blockSize else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { write(full) }
    }

    /// Writes what was recorded.
    func flush() {
        let lines = pending.withLock { pending -> [UInt8] in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if !lines.isEmpty { write(lines) }
    }

    /// Now, to the second, as ISO 8601 in UTC.
    private func time() -> String {
        let now = Int(Date().timeIntervalSince1970)
        return clock.withLock { clock in
            if clock.second != now { clock = (now, Date(timeIntervalSince1970: Double(now)).ISO8601Format()) }
            return clock.text
        }
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                // A log that cannot be written (a full disk, a closed pipe) loses its lines, not the request.
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
