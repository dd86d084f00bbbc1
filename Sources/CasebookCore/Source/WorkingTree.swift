import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A case repository on disk, as it is now (uncommitted changes included).
package struct WorkingTree: SourceTree {
    /// The case repository root: the folder holding `casebook.yaml`.
    package let root: String

    package init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The case repository that holds `path`: the nearest folder at or above it with a `casebook.yaml`.
    package static func discover(from path: String) throws(CasebookError) -> WorkingTree {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file or folder")
        }
        if !isDirectory.boolValue { url.deleteLastPathComponent() }
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("casebook.yaml").path) {
                return WorkingTree(root: url.path)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { throw .notARepository(path: path) }
            url = parent
        }
    }

    /// A reader of this tree's files, for one thread.
    package func reader() -> WorkingTreeReader {
        WorkingTreeReader(root: root)
    }

    package func files() throws(CasebookError) -> [SourceFile] {
        var result: [SourceFile] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(folder) else {
                throw .unreadable(path: folder, reason: String(cString: strerror(errno)))
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): pending.append(path)
                case Int32(DT_REG): result.append(SourceFile(path: path))
                case Int32(DT_UNKNOWN), Int32(DT_LNK):
                    // Like git, a link to a folder is not followed (it could loop); a link to a file is read.
                    var info = stat()
                    guard stat(root + "/" + path, &info) == 0 else { continue }
                    if info.st_mode & S_IFMT == S_IFREG {
                        result.append(SourceFile(path: path))
                    } else if info.st_mode & S_IFMT == S_IFDIR, entry.pointee.d_type == DT_UNKNOWN {
                        pending.append(path)
                    }
                default: continue
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}
