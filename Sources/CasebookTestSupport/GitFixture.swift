import Foundation

/// A git repository built in a temporary folder, commit by commit, with the `git` command:
/// how tests get real repositories with history, branches, tags and moves.
package struct GitFixture: Sendable {
    package let folder: TemporaryDirectory
    package var path: String { folder.path }

    /// A new repository on branch `main`, with nothing committed.
    package init() throws {
        folder = try TemporaryDirectory()
        try git("init", "-q", "-b", "main")
    }

    /// Writes files (path → content, relative to the repository root).
    package func write(_ files: [String: String]) throws {
        for (path, content) in files { try folder.write(path, content) }
    }

    /// Deletes a file.
    package func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: folder.path + "/" + path)
    }

    /// Moves a file, creating the target's folders.
    package func move(_ from: String, to destination: String) throws {
        let target = URL(fileURLWithPath: folder.path + "/" + destination)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: folder.path + "/" + from, toPath: target.path)
    }

    /// Commits everything in the folder and answers the new commit's id. Commits get increasing
    /// dates one minute apart, so that history order is deterministic.
    @discardableResult
    package func commit(_ message: String, author: String = "Ada Tester") throws -> String {
        try git("add", "-A")
        let count = Int(try git("rev-list", "--all", "--count", allowFailure: true)) ?? 0
        let date = "\(1_767_225_600 + 60 * count) +0000"
        try git(
            "-c", "user.name=\(author)", "-c", "user.email=\(author.lowercased().replacingOccurrences(of: " ", with: "."))@example.com",
            "commit", "-q", "--allow-empty", "-m", message, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        return try git("rev-parse", "HEAD")
    }

    /// Runs `git` in the repository and answers what it printed, trimmed.
    @discardableResult
    package func git(_ arguments: String..., environment: [String: String] = [:], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 || allowFailure else {
            throw GitFixtureError(command: "git " + arguments.joined(separator: " "), status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A `git` command of a ``GitFixture`` failed.
package struct GitFixtureError: Error, CustomStringConvertible {
    package var command: String
    package var status: Int32
    package var description: String { "\(command) exited with \(status)" }
}
