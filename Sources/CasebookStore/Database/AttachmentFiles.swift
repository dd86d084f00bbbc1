import Foundation

/// Attachment bytes on disk, content-addressed: `<folder>/ab/cdef…` by SHA-256, so identical
/// bytes are stored once and no file name a user gave is ever part of a path.
package struct AttachmentFiles: Sendable {
    package let folder: String

    package init(folder: String) {
        self.folder = folder
    }

    /// Stores `bytes` (once) and answers their SHA-256, and whether this call stored them.
    /// Written to a temporary file and renamed, so a file under its digest is always whole.
    package func store(_ bytes: [UInt8]) throws -> (digest: String, created: Bool) {
        let digest = SHA256.hex(bytes)
        let path = self.path(of: digest)
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { return (digest, false) }
        let directory = (path as NSString).deletingLastPathComponent
        try PrivateFiles.makeFolder(directory)
        let temporary = directory + "/" + Self.incomingPrefix + UUID().uuidString
        do {
            try PrivateFiles.write(bytes, to: temporary)
            try manager.moveItem(atPath: temporary, toPath: path)
        } catch  where manager.fileExists(atPath: path) {
            // Someone stored the same bytes at the same time.
            try? manager.removeItem(atPath: temporary)
            return (digest, false)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw error
        }
        return (digest, true)
    }

    /// How the temporary file of bytes being stored is named.
    private static let incomingPrefix = ".incoming-"

    /// Removes what a process stopped mid-way may have left: temporary files, and stored bytes
    /// no row names (`kept` holds the digests rows name).
    package func sweep(keeping kept: Set<String>) {
        let manager = FileManager.default
        for directory in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where directory.count == 2 {
            for name in (try? manager.contentsOfDirectory(atPath: folder + "/" + directory)) ?? [] {
                guard name.hasPrefix(Self.incomingPrefix) || !kept.contains(directory + name) else { continue }
                try? manager.removeItem(atPath: folder + "/" + directory + "/" + name)
            }
        }
    }

    /// Whether bytes are stored under `digest`.
    package func contains(_ digest: String) -> Bool {
        FileManager.default.fileExists(atPath: path(of: digest))
    }

    /// Deletes the bytes stored under `digest`, if there are any.
    package func remove(_ digest: String) throws {
        guard contains(digest) else { return }
        try FileManager.default.removeItem(atPath: path(of: digest))
    }

    /// The bytes stored under `digest`.
    package func read(_ digest: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(of: digest)))
    }

    private func path(of digest: String) -> String {
        "\(folder)/\(digest.prefix(2))/\(digest.dropFirst(2))"
    }
}
