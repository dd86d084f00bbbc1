import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook new case|plan`: a new file to fill in, with a free id and the schema line.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a new case or plan file to fill in.", subcommands: [NewCase.self, NewPlan.self])
}

/// `casebook new case --group PATH --title TITLE`.
struct NewCase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Write a new case with the next free id.",
        discussion: "The id is the project key and one more than the highest number on disk and on every local and remote-tracking branch.")

    @Option(help: "The group: a folder below cases/, like checkout/refunds (made when missing).")
    var group: String

    @Option(help: "The case's title.")
    var title: String

    @OptionGroup var repository: RepositoryOption

    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--title must not be empty") }
        let parts = group.split(separator: "/", omittingEmptySubsequences: false)
        guard !group.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) else {
            throw ValidationError("--group must be a folder path below cases/ like checkout/refunds, without '.', '..' or empty parts")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let tree = try WorkingTree.discover(from: repository.path)
            let snapshot = try Snapshot.load(from: tree)
            guard !snapshot.settings.key.isEmpty else { throw CommandFailure("casebook.yaml has no project.key to make case ids from") }
            var used = Set(snapshot.cases.map(\.id))
            // Outside git, the files on disk are all there is to look at.
            if let repository = try? CaseRepository(at: repository.path) { used.formUnion(try repository.caseIDsOnAllBranches()) }
            let id = Scaffold.nextCaseID(key: snapshot.settings.key, used: used)
            let folder = "cases/" + group
            let schema = SchemaLocation.find(in: snapshot.cases.map(\.path), of: tree, named: "case.schema.json")
            let file = try write(
                in: tree.root, folder: folder, name: Scaffold.slug(title),
                Scaffold.caseFile(id: id, title: title, schema: Scaffold.relativePath(to: schema, from: folder), settings: snapshot.settings))
            print("\(id) \(file)")
        }
    }
}

/// `casebook new plan --id ID --title TITLE`.
struct NewPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Write a new plan.")

    @Option(help: "The plan's id, like PLAN-R25.")
    var id: String

    @Option(help: "The plan's title.")
    var title: String

    @Option(help: "A group to include (default: every case, by all the priorities, to narrow).")
    var group: String?

    @Option(name: .customLong("device"), help: "A device of the matrix (repeat for more).")
    var devices: [String] = []

    @OptionGroup var repository: RepositoryOption

    func validate() throws {
        guard id.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil else {
            throw ValidationError("--id must be a word of letters, digits, '.', '_' or '-', like PLAN-R25")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let tree = try WorkingTree.discover(from: repository.path)
            let snapshot = try Snapshot.load(from: tree)
            if let existing = snapshot.plans.first(where: { $0.id == id }) { throw CommandFailure("\(existing.path) already has plan id '\(id)'") }
            let declared = snapshot.settings.devices.map(\.id)
            if let unknown = devices.first(where: { !declared.contains($0) }) {
                throw CommandFailure(
                    "no device '\(unknown)' in casebook.yaml (declared: \(declared.isEmpty ? "none" : declared.joined(separator: ", ")))")
            }
            if let group, snapshot.groups[group] == nil { throw CommandFailure("no group '\(group)' under cases/") }
            let schema = SchemaLocation.find(in: snapshot.plans.map(\.path), of: tree, named: "plan.schema.json")
            let file = try write(
                in: tree.root, folder: "plans", name: Scaffold.slug(id),
                Scaffold.planFile(
                    id: id, title: title, group: group, priorities: snapshot.settings.priorities, devices: devices,
                    schema: Scaffold.relativePath(to: schema, from: "plans")))
            print("\(id) \(file)")
        }
    }
}

/// Where the schemas are, from the case repository root: where existing files of the kind point,
/// else where `casebook init` puts them.
enum SchemaLocation {
    static func find(in paths: [String], of tree: WorkingTree, named name: String) -> String {
        let reader = tree.reader()
        for path in paths.prefix(20) {
            if let bytes = try? reader.contents(of: path), let target = Scaffold.schemaTarget(inFile: bytes, at: path) { return target }
        }
        return ".casebook/schemas/" + name
    }
}

/// Writes `text` to `folder/name.yaml` below `root` (`name-2.yaml`… when taken), making the
/// folder; answers the path from the root. Never overwrites a file.
private func write(in root: String, folder: String, name: String, _ text: String) throws -> String {
    let manager = FileManager.default
    try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
    for attempt in 1...1_000 {
        let relative = "\(folder)/\(name)\(attempt == 1 ? "" : "-\(attempt)").yaml"
        // O_EXCL: the file is made here or the name is taken; an existing file is never touched.
        let descriptor = open(root + "/" + relative, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if descriptor < 0 {
            if errno == EEXIST { continue }
            throw CommandFailure("cannot write \(relative): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        return relative
    }
    throw CommandFailure("no free file name for \(name) in \(folder)")
}
