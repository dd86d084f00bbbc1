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

    /// Every file below the root, in path order. The folders of each level of the tree are listed
    /// in parallel, and each folder's entries are sorted by name (a folder's name followed by `/`,
    /// as git sorts trees): walking the folders depth first then yields the paths in order.
    package func files() throws(CasebookError) -> [SourceFile] {
        var listings: [String: [Entry]] = [:]
        var level = [""]
        while !level.isEmpty {
            let results = level.parallelMap { folder in Result { () throws(CasebookError) in try list(folder) } }
            var next: [String] = []
            for (folder, result) in zip(level, results) {
                let entries = try result.get()
                listings[folder] = entries
                next += entries.lazy.filter(\.isFolder).map(\.path)
            }
            level = next
        }
        var result: [SourceFile] = []
        var pending = [listings[""]![...]]
        while let last = pending.indices.last {
            guard let entry = pending[last].popFirst() else {
                pending.removeLast()
                continue
            }
            if entry.isFolder {
                pending.append(listings[entry.path]![...])
            } else {
                result.append(SourceFile(path: entry.path))
            }
        }
        return result
    }

    /// A file or folder in a folder.
    private struct Entry {
        /// The path from the root.
        var path: String
        var isFolder: Bool
        /// What the entry sorts by: its name, with a `/` after a folder's.
        var key: String

        init(path: String, name: String, isFolder: Bool) {
            self.path = path
            self.isFolder = isFolder
            key = isFolder ? name + "/" : name
        }
    }

    /// The files and folders in the folder at `relative` (a path from the root; "" is the root),
    /// sorted by their keys.
    private func list(_ relative: String) throws(CasebookError) -> [Entry] {
        var entries: [Entry] = []
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
            let isFolder: Bool
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): isFolder = true
            case Int32(DT_REG): isFolder = false
            case Int32(DT_UNKNOWN), Int32(DT_LNK):
                // Like git, a link to a folder is not followed (it could loop); a link to a file is read.
                var info = stat()
                guard stat(root + "/" + path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFREG {
                    isFolder = false
                } else if info.st_mode & S_IFMT == S_IFDIR, entry.pointee.d_type == DT_UNKNOWN {
                    isFolder = true
                } else {
                    continue
                }
            default: continue
            }
            entries.append(Entry(path: path, name: name, isFolder: isFolder))
        }
        return entries.sorted { $0.key < $1.key }
    }
}
