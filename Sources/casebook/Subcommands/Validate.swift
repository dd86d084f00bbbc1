import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

extension ValidationReport.Format: ExpressibleByArgument {}

/// `casebook validate [PATH]`: every problem of a case repository, in a format CI understands.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a case repository.",
        discussion: """
            Exit status: 0 no errors, 1 errors found (or warnings, with --strict), 2 could not run.
            """
    )

    @Argument(help: "A folder in the case repository (the one with casebook.yaml is found upwards).")
    var path: String = "."

    @Option(help: "Output format: \(ValidationReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ValidationReport.Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Validate this branch, tag or commit (like HEAD~2) of the git repository instead of the files on disk.")
    var ref: String?

    func run() throws {
        let snapshot: Snapshot
        let source: any SourceTree
        let root: String
        do {
            if let ref {
                let repository = try CaseRepository(at: path)
                let tree = try repository.tree(at: ref)
                snapshot = try Snapshot.load(from: tree)
                source = tree
                let base = repository.git.workdir ?? repository.git.gitdir  // ends in "/"
                root = repository.prefix.isEmpty ? String(base.dropLast()) : base + repository.prefix
            } else {
                let tree = try WorkingTree.discover(from: path)
                snapshot = try Snapshot.load(from: tree)
                source = tree
                root = tree.root
            }
        } catch {
            FileHandle.standardError.write(Data("casebook: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let report = ValidationReport(snapshot: snapshot, pathPrefix: Self.prefix(of: root)) { file in
            let bytes = (try? source.reader().contents(of: file)) ?? []
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        }
        print(report.render(format), terminator: "")
        fflush(nil)
        // Exit here: freeing a snapshot of 100,000 cases one object at a time only costs time.
        Foundation.exit(report.failed(strict: strict) ? 1 : 0)
    }

    /// The case repository's path as seen from the current folder, ending in `/`.
    static func prefix(of root: String) -> String {
        let current = FileManager.default.currentDirectoryPath
        if root == current { return "" }
        if root.hasPrefix(current + "/") { return String(root.dropFirst(current.count + 1)) + "/" }
        return root + "/"
    }
}
