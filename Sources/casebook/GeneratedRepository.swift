import CasebookCore
import Foundation

/// Writes generated files to disk and commits them with the `git` command.
enum GeneratedRepository {
    static func write(_ files: [(path: String, content: String)], to folder: String, commit: Bool) throws {
        let manager = FileManager.default
        var created: Set<String> = []
        for file in files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(file.path)
            let parent = url.deletingLastPathComponent().path
            if created.insert(parent).inserted {
                try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            }
            guard manager.createFile(atPath: url.path, contents: Data(file.content.utf8)) else {
                throw CasebookError.unwritable(path: url.path, reason: "could not create the file")
            }
        }
        guard commit else { return }
        try git(["init", "-q", "-b", "main"], in: folder)
        try git(["add", "-A"], in: folder)
        try git(
            [
                "-c", "user.name=casebook generate", "-c", "user.email=generate@casebook.invalid", "commit", "-q", "-m",
                "Generate \(files.count) files",
            ], in: folder)
    }

    private static func git(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CasebookError.unwritable(path: folder, reason: "git \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
    }
}
