import Foundation

/// Reads folders of fixture files into `[relative path: text]`.
package enum FixtureFiles {
    /// Every file below `folder`, by path relative to it, leaving out the names in `excluding`.
    package static func read(_ folder: String, excluding: Set<String> = []) throws -> [String: String] {
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + relative
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !excluding.contains((relative as NSString).lastPathComponent)
            else { continue }
            files[relative] = try String(contentsOfFile: full, encoding: .utf8)
        }
        return files
    }

    /// The root of this package, found from a source file's path.
    package static func packageRoot(from file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }
}
