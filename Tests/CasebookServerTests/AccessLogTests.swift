import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookServer

/// The access log: a line per request, written in blocks.
@Suite struct AccessLogTests {
    @Test func linesAreWrittenInBlocksAndOnFlush() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path + "/access.log"
        let log = try #require(try AccessLog(.file(path)))
        log.record(method: "GET", path: "/api/v1/projects/SHOP/cases/SHOP-101", status: 200, seconds: 0.0014, requestID: "r1")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "", "a line waits for its block")
        log.flush()
        let line = try String(contentsOfFile: path, encoding: .utf8)
        #expect(line.hasSuffix("Z GET /api/v1/projects/SHOP/cases/SHOP-101 200 1ms r1\n"), "\(line)")
        #expect(line.hasPrefix(String(Date().ISO8601Format().prefix(4))))
        // A block fills and is written by the request that filled it.
        for number in 0..<(AccessLog.blockSize / 40) {
            log.record(method: "GET", path: "/health/live", status: 200, seconds: 0, requestID: "\(number)")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).count >= AccessLog.blockSize)
    }

    @Test func offWritesNothingAndAnUnwritableFileIsSaid() throws {
        #expect(try AccessLog(.off) == nil)
        #expect(
            AccessLogDestination("stdout") == .standardOutput && AccessLogDestination("off") == .off
                && AccessLogDestination("a.log") == .file("a.log"))
        #expect(throws: ServerError.self) { try AccessLog(.file("/nonexistent-folder/access.log")) }
    }
}
