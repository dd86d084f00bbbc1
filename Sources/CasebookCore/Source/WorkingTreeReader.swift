#if canImport(Glibc)
    import Glibc
#endif

/// Reads the files of a ``WorkingTree`` on one thread. It keeps the folder of the last file it
/// read open and opens the next file of that folder by its name: files are read folder by folder,
/// and the kernel then looks up one name instead of walking the whole path again.
package final class WorkingTreeReader: SourceReader {
    private let root: String
    /// The folder open now: its path relative to the root and its descriptor.
    private var folder: (path: Substring, descriptor: Int32)?

    init(root: String) {
        self.root = root
    }

    deinit {
        if let folder { close(folder.descriptor) }
    }

    package func contents(of path: String) throws(CasebookError) -> [UInt8] {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folderPath = slash.map { path[..<$0] } ?? ""
        let name = slash.map { String(path[path.utf8.index(after: $0)...]) } ?? path
        let folderDescriptor = try open(folderPath, for: path)
        var descriptor = openat(folderDescriptor, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if descriptor < 0, errno == ELOOP {
            try checkLink(at: path)
            descriptor = openat(folderDescriptor, name, O_RDONLY | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            // A name that is not UTF-8 was listed with U+FFFD in place of its bytes, and no file has that name.
            if errno == ENOENT, name.unicodeScalars.contains("\u{FFFD}") {
                throw .unreadable(path: path, reason: "the file name is not UTF-8 (shown with \u{FFFD} where its bytes are not); rename it")
            }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        // The size is checked before the file is read: a sparse file of a gigabyte costs nothing.
        if info.st_size > SourceFile.maximumSize { throw .tooLarge(path: path, size: Int(info.st_size)) }
        // One byte more than the size: a read of a regular file that does not fill the buffer has
        // reached the end of the file, so one read is enough, and a file that grew is still read whole.
        let regular = info.st_mode & S_IFMT == S_IFREG
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let wanted = bytes.count - count
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            count += got
            if got == 0 || (regular && got < wanted) { break }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// Refuses a symbolic link at `path` whose target is not inside the case repository: a link
    /// to `/etc/passwd` committed by anyone would otherwise be read, parsed and quoted back.
    private func checkLink(at path: String) throws(CasebookError) {
        guard let target = realpath(root + "/" + path, nil) else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { free(target) }
        let resolved = String(cString: target)
        guard let base = realpath(root, nil) else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { free(base) }
        let inside = String(cString: base)
        guard resolved.hasPrefix(inside == "/" ? "/" : inside + "/") else {
            throw .unreadable(path: path, reason: "it is a link to \(resolved), outside the case repository; casebook reads only files inside it")
        }
    }

    /// The descriptor of the folder at `folderPath`, opened unless it is the one open now.
    private func open(_ folderPath: Substring, for path: String) throws(CasebookError) -> Int32 {
        if let folder, folder.path == folderPath { return folder.descriptor }
        if let folder { close(folder.descriptor) }
        folder = nil
        let full = folderPath.isEmpty ? root : root + "/" + folderPath
        let descriptor = Glibc.open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        folder = (folderPath, descriptor)
        return descriptor
    }
}
