internal import CSQLite
import Foundation
import GRDB

/// The sidecar database: users, sessions, API tokens, runs and their executions, comments,
/// attachment metadata and the audit log. Every write method is one transaction.
package struct AppDatabase: Sendable {
    /// Where writes go; reads use ``reader``.
    let writer: any DatabaseWriter
    /// Where the bytes of attachments live (content-addressed), beside the database file.
    package let attachments: AttachmentFiles
    /// How passwords are checked and hashed.
    package let passwords: PasswordPolicy
    /// Run progress already computed, by run revision and commit.
    let progressCache = ProgressCache()

    /// The database over `writer`, migrated to the current schema.
    package init(_ writer: any DatabaseWriter, attachments: AttachmentFiles, passwords: PasswordPolicy = PasswordPolicy()) throws {
        self.writer = writer
        self.attachments = attachments
        self.passwords = passwords
        try Self.migrator.migrate(writer)
    }

    /// A read-only view of the database.
    package var reader: any DatabaseReader { writer }

    /// Opens (creating it and its folder when missing) the database file at `path`, in WAL mode,
    /// with attachments in the folder `attachments` beside it, from which it removes what no
    /// row names (a process stopped between storing an upload's bytes and writing its row).
    /// What it creates is readable by its owner only (``PrivateFiles``).
    package static func open(path: String, passwords: PasswordPolicy = PasswordPolicy()) throws -> AppDatabase {
        _ = sqliteConfigured
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try PrivateFiles.makeFolder(folder.path)
        } catch {
            throw DatabaseFolderError(path: folder.path, error)
        }
        for file in [path, path + "-wal", path + "-shm"] where file == path || FileManager.default.fileExists(atPath: file) {
            try PrivateFiles.makeFile(file)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let database = try AppDatabase(
            pool, attachments: AttachmentFiles(folder: folder.appendingPathComponent("attachments").path), passwords: passwords)
        let named = try pool.read { db in try String.fetchSet(db, sql: "SELECT sha256 FROM attachment") }
        database.attachments.sweep(keeping: named)
        return database
    }

    /// SQLite's process-wide settings, made once before the first database of the process opens:
    /// no memory statistics (a mutex taken on every allocation SQLite makes).
    private static let sqliteConfigured: Bool = casebook_sqlite_skip_memory_statistics() == SQLITE_OK

    /// Foreign keys on (GRDB's default), a busy timeout for the CLI writing beside the server,
    /// a page cache (32 MiB) large enough that a bulk of 100,000 results is not spilled to the
    /// WAL page by page before it commits, and temporary tables (staged bulk results) in memory.
    package static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }

    /// Copies the live database into a new file at `path` with SQLite's online backup.
    package func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.invalid("file", "'\(path)' exists; pick a new file name") }
        try PrivateFiles.makeFile(path)
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }
}

/// The folder of a database file could not be made.
package struct DatabaseFolderError: Error, CustomStringConvertible {
    let path: String
    /// The system's reason, like "Not a directory".
    let reason: String

    /// The failure `error` of making the folder at `path`: the reason is the system error under
    /// Foundation's (whose own text is often "The operation could not be completed").
    init(path: String, _ error: any Error) {
        self.path = path
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError {
            reason = String(cString: strerror(underlying.code.rawValue))
        } else {
            reason = error.localizedDescription
        }
    }

    package var description: String { "cannot make its folder \(path): \(reason)" }
}
