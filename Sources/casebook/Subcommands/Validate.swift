import ArgumentParser
import CasebookCore
import CasebookGit
import CasebookStore
import Foundation

extension ValidationReport.Format: ExpressibleByArgument {}

/// `casebook validate [PATH]`: every problem of a case repository, in a format CI understands.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
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

    @Option(
        help: """
            Also check against the branch the change goes into (like origin/main): new case ids that branch already gave \
            another case, and case files whose id changed.
            """)
    var base: String?

    @Option(help: "With --base: the sidecar database, to warn about removed cases that still have results or comments.")
    var database: String?

    func validate() throws {
        if database != nil, base == nil { throw ValidationError("--database needs --base: it checks the cases removed since the base") }
    }

    func run() async throws {
        let (snapshot, source, root, extra) = try await reportingFailures { try await load() }
        // Exit holding the snapshot: freeing 100,000 cases one object at a time only costs time.
        withExtendedLifetime(snapshot) {
            let (prefix, base) = Self.prefix(of: root)
            var report = ValidationReport(snapshot: snapshot, pathPrefix: prefix) { file in
                let bytes = (try? source.reader().contents(of: file)) ?? []
                return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            report.strict = strict
            report.root = base
            report.findings = (report.findings + extra).sorted(by: Finding.reportOrder)
            print(report.render(format), terminator: "")
            fflush(nil)
            Foundation.exit(report.failed ? 1 : 0)
        }
    }

    /// The snapshot to report on, its files, the case repository's path on disk, and the
    /// findings of the checks against `--base`.
    private func load() async throws -> (Snapshot, any SourceTree, String, [Finding]) {
        if let base {
            let comparison = try RevisionComparison(path: path, base: base, head: ref)
            let checks = BaseChecks(base: comparison.base, head: comparison.head, forkPoint: try comparison.forkPoint(), baseName: base)
            var extra = checks.findings
            if let database { extra += try await Self.removedWithHistory(checks, database: database) }
            return (comparison.head, comparison.headSource, Self.root(of: comparison.headSource, in: comparison.repository), extra)
        }
        if let ref {
            let repository = try CaseRepository(at: path)
            let tree = try repository.tree(at: ref)
            return (try Snapshot.load(from: tree), tree, Self.root(of: tree, in: repository), [])
        }
        let tree = try WorkingTree.discover(from: path)
        return (try Snapshot.load(from: tree), tree, tree.root, [])
    }

    /// Warnings for the cases removed since the base that have results or comments in `database`.
    private static func removedWithHistory(_ checks: BaseChecks, database path: String) async throws -> [Finding] {
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no database at \(path)") }
        let database = try AppDatabase.open(path: path)
        let history = try await database.caseHistory(project: checks.head.settings.key, caseIDs: checks.removedCases.map(\.id))
        return checks.removedWithHistory(results: history.results, comments: history.comments)
    }

    /// Where the case repository of `source` is on disk: the working tree's root, or for a
    /// commit, the git repository's work tree (or git folder) and the case repository's folder.
    private static func root(of source: any SourceTree, in repository: CaseRepository) -> String {
        if let workingTree = source as? WorkingTree { return workingTree.root }
        let base = repository.git.workdir ?? repository.git.gitdir  // ends in "/"
        return repository.prefix.isEmpty ? String(base.dropLast()) : base + repository.prefix
    }

    /// What to put before a file's path in the case repository (ending in `/`, or empty) and
    /// the folder that prefix is relative to: the current folder, when the case repository is in
    /// it. Run from elsewhere (a sub-folder of the repository, say), paths are relative to the
    /// git work tree that holds the case repository, as CI tools read them, or else to the case
    /// repository itself; never absolute.
    static func prefix(of root: String) -> (prefix: String, base: String) {
        let current = FileManager.default.currentDirectoryPath
        if root == current { return ("", current) }
        if root.hasPrefix(current + "/") { return (String(root.dropFirst(current.count + 1)) + "/", current) }
        var folder = URL(fileURLWithPath: root)
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                let top = folder.path
                return (root == top ? "" : String(root.dropFirst(top.count + 1)) + "/", top)
            }
            folder.deleteLastPathComponent()
        }
        return ("", root)
    }
}
