import Foundation

/// Files only the server's user may read: the database (with its WAL and SHM files), its backups
/// and the attachments hold password hashes, token digests and whatever testers upload.
enum PrivateFiles {
    static let fileMode: Int16 = 0o600
    static let folderMode: Int16 = 0o700

    /// Makes the folder at `path` (and those above it that are missing) readable by its owner only.
    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: folderMode])
    }

    /// Makes the file at `path` readable by its owner only: created empty when it is missing,
    /// its mode narrowed when it exists. SQLite gives the `-wal` and `-shm` files it creates the
    /// database file's mode.
    static func makeFile(_ path: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            try manager.setAttributes([.posixPermissions: fileMode], ofItemAtPath: path)
        } else {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: fileMode]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    /// Writes `bytes` to a new file at `path` readable by its owner only.
    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: fileMode]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
