import CasebookCore
import CasebookTestSupport
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer
@testable import CasebookStore

/// A database that takes no more writes (its disk is full): writes are 503 problems with
/// `Retry-After`, readiness says the database is not writable, reads go on, and an upload leaves
/// no file behind. SQLite's `max_page_count` makes the database file as full as a full disk.
@Suite struct StorageFaultTests {
    @Test func aFullDatabaseAnswers503AndReadsGoOn() async throws {
        let repo = try await ServedRepository()
        let database = try AppDatabase.open(path: repo.databasePath, passwords: PasswordPolicy(cost: 4))
        let projects = try ProjectRegistry([try await Project.open(ProjectSource(path: repo.casesPath))])
        let (router, _) = buildRouter(projects: projects, database: database, options: repo.options)
        try await Application(router: router).test(.router) { client in
            let tim = try await client.login("tim")
            let run = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: tim, json: #"{"plan":"PLAN-SMOKE","build":"b1"}"#)
            #expect(run.0 == .created)
            try await Self.limitPages(of: database, to: 0)

            let comment = #"{"body":"\#(String(repeating: "a long comment ", count: 1200))"}"#
            let full = try await client.send(.post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: comment)
            #expect(full.0 == .serviceUnavailable && full.2[.retryAfter] == "60", "\(full.1)")
            #expect(full.1["type"]?.string == "urn:casebook:problem:storage-unavailable")
            #expect(full.1["detail"]?.string?.hasPrefix("the disk holding the database is full") == true)
            let ready = try await client.get("/health/ready").1
            #expect(ready["status"]?.string == "degraded" && ready["database"]?["writable"]?.bool == false)
            #expect(try await client.get("/api/v1/projects/SHOP/runs").0 == .ok)

            // An upload whose row cannot be written leaves no file (once small rows do not fit either).
            for _ in 0..<500
            where try await client.send(.post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: #"{"body":"short"}"#).0 == .created
            {}
            let upload = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=log.txt", token: tim,
                json: String(repeating: "log line\n", count: 2000),
                headers: [.contentType: "text/plain"])
            #expect(upload.0 == .serviceUnavailable)
            #expect(Self.files(under: database.attachments.folder).isEmpty)

            try await Self.limitPages(of: database, to: 1_000_000)
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: comment).0 == .created)
            #expect(try await client.get("/health/ready").1["database"]?["writable"]?.bool == true)
        }
    }

    @Test func bytesNoRowNamesAreSweptAtOpen() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = try AppDatabase.open(path: folder.path + "/casebook.sqlite")
        let kept = try database.attachments.store(Array("kept".utf8)).digest
        _ = try await database.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO attachment (project, targetKind, targetId, fileName, mediaType, size, sha256, createdAt) VALUES ('S', 'case', 'S-1', 'k.txt', 'text/plain', 4, ?, 0)",
                arguments: [kept])
        }
        _ = try database.attachments.store(Array("orphan".utf8))
        try folder.write("attachments/ab/.incoming-1234", "half")
        _ = try AppDatabase.open(path: folder.path + "/casebook.sqlite")
        #expect(Self.files(under: database.attachments.folder) == [String(kept.prefix(2)) + "/" + kept.dropFirst(2)])
    }

    /// The database may grow to `pages` pages past those it has (0: not at all), on the writer's
    /// connection, which every write goes through.
    static func limitPages(of database: AppDatabase, to pages: Int) async throws {
        try await database.writer.writeWithoutTransaction { db in
            let count = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(count + pages)")
        }
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.split(separator: "/").count == 2 }.sorted()
    }
}
