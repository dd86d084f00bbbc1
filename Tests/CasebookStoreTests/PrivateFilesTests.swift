import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

/// The database, its WAL and SHM files, backups and attachments are readable by their owner only:
/// they hold password hashes, token digests and uploads.
@Suite struct PrivateFilesTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func everythingTheStoreWritesIsTheOwnersOnly() async throws {
        let store = try await StoreFixture()
        let folder = store.folder.path + "/db"
        _ = try await store.database.attach(
            Array("a log".utf8), fileName: "log.txt", mediaType: "text/plain", to: Target(.case, "S-1"), project: "S", by: store.tester)
        try store.database.backup(to: store.folder.path + "/backup.sqlite")
        let attachments = folder + "/attachments"
        let stored = try #require(try FileManager.default.contentsOfDirectory(atPath: attachments).first)
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: attachments + "/" + stored).first)
        for path in [
            folder + "/casebook.sqlite", folder + "/casebook.sqlite-wal", folder + "/casebook.sqlite-shm", store.folder.path + "/backup.sqlite",
            attachments + "/\(stored)/\(file)",
        ] {
            #expect(try Self.mode(path) == 0o600, "\(path)")
        }
        for path in [folder, attachments, attachments + "/" + stored] {
            #expect(try Self.mode(path) == 0o700, "\(path)")
        }
    }

    @Test func anExistingDatabaseIsNarrowedWhenOpened() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path + "/casebook.sqlite"
        _ = try AppDatabase.open(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        _ = try AppDatabase.open(path: path)
        #expect(try Self.mode(path) == 0o600)
    }
}
