import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook import cases FILE… --from FORMAT`: another tool's cases as case files.
struct ImportCases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "Write the cases of TestRail, TestLink or spreadsheet exports as case files, then validate them.",
        discussion: """
            Sections and suites become groups; each case keeps its id in the other tool in the custom field source-id, so \
            importing the same export again updates the cases it wrote. Priorities, types and custom fields the project \
            lacks are added to casebook.yaml. Whatever the export holds that no case file can is listed with where it is; \
            --strict makes that an error. Nothing is written when an export cannot be read.
            """)

    enum Source: String, ExpressibleByArgument, CaseIterable {
        case testrailXML = "testrail-xml", testrailCSV = "testrail-csv", testlinkXML = "testlink-xml", csv
    }

    @Argument(help: "The export files.")
    var files: [String]
    @Option(help: "The export's format: \(Source.allCases.map(\.rawValue).joined(separator: ", ")).")
    var from: Source
    @Option(help: "The case repository to write into (made, as init does, when it has no casebook.yaml; give --key).")
    var into: String = "."
    @Option(help: "With a new case repository: its project key, like SHOP.")
    var key: String?
    @Option(help: "A folder below cases/ to put the imported groups in, like legacy/testrail.")
    var group: String?
    @Option(help: "A mapping file: columns of a CSV, and priorities and types to rename.")
    var map: String?
    @Flag(help: "With --from csv: print a starting mapping from the first file's header row, and stop.")
    var printMap = false
    @Flag(help: "Print what would be written, and write nothing.")
    var dryRun = false
    @Flag(help: "Fail, writing nothing, when anything of the export would not be imported.")
    var strict = false

    func validate() throws {
        if printMap, from != .csv { throw ValidationError("--print-map is for --from csv") }
        if from == .csv, map == nil, !printMap { throw ValidationError("--from csv needs --map MAPPING.yaml; start one with --print-map") }
        if let key, key.range(of: #"^[A-Z][A-Z0-9]*$"#, options: .regularExpression) == nil {
            throw ValidationError("--key must be capital letters and digits starting with a letter, like SHOP")
        }
        if let group {
            let parts = group.split(separator: "/", omittingEmptySubsequences: false)
            guard !group.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) else {
                throw ValidationError("--group must be a folder path below cases/ like legacy/testrail, without '.', '..' or empty parts")
            }
        }
    }

    func run() async throws {
        let failed = try await reportingFailures { () async throws -> Bool in
            if printMap {
                let table = try DelimitedText(parsing: try read(files[0]), file: files[0])
                print(ImportMapping.starting(headers: table.header), terminator: "")
                return false
            }
            let mapping = try map.map { file in try ImportMapping(parsing: [UInt8](try read(file)), file: file) } ?? ImportMapping()
            var suite = ImportedSuite()
            for file in files { suite.append(try read(file, mapping: mapping)) }
            return try await importSuite(suite, mapping: mapping)
        }
        if failed { throw ExitCode(1) }
    }

    private func read(_ file: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
        }
    }

    private func read(_ file: String, mapping: ImportMapping) throws -> ImportedSuite {
        let data = try read(file)
        switch from {
        case .testrailXML: return try TestRailXML.read(data, file: file)
        case .testlinkXML: return try TestLinkXML.read(data, file: file)
        case .testrailCSV:
            let table = try DelimitedText(parsing: data, file: file)
            return try SpreadsheetCases.read(
                table, file: file, mapping: try SpreadsheetCases.testRailMapping(header: table.header, file: file), testRail: true)
        case .csv: return try SpreadsheetCases.read(try DelimitedText(parsing: data, file: file), file: file, mapping: mapping, testRail: false)
        }
    }

    /// Plans and writes the import; answers whether it failed (the written files do not validate).
    private func importSuite(_ suite: ImportedSuite, mapping: ImportMapping) async throws -> Bool {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: into).standardizedFileURL.path
        // A new repository is planned against one made aside, and made only when the import
        // goes ahead: a refused import writes nothing.
        var scratch: String?
        defer { if let scratch { try? manager.removeItem(atPath: scratch) } }
        if !manager.fileExists(atPath: target + "/casebook.yaml") {
            guard let key else { throw CommandFailure("\(target) has no casebook.yaml: give --key KEY to start a case repository there") }
            scratch = NSTemporaryDirectory() + "casebook-import-" + UUID().uuidString
            try Init.make(at: scratch!, key: key, name: URL(fileURLWithPath: target).lastPathComponent)
        }
        let root = scratch ?? target
        let tree = WorkingTree(root: root)
        let snapshot = try Snapshot.load(from: tree)
        let broken = snapshot.findings.filter { $0.file == "casebook.yaml" && $0.severity == .error }
        if let first = broken.first { throw CommandFailure("casebook.yaml has errors; fix them first: \(first.mark): \(first.message)") }
        guard !snapshot.settings.key.isEmpty else { throw CommandFailure("casebook.yaml has no project.key to make case ids from") }
        var used = Set(snapshot.cases.map(\.id))
        if let repository = try? CaseRepository(at: root) { used.formUnion(try repository.caseIDsOnAllBranches()) }
        let settingsText = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: root + "/casebook.yaml"))) ?? Data(), as: UTF8.self)
        let caseSchema = SchemaLocation.find(in: snapshot.cases.map(\.path), of: tree, named: "case.schema.json")
        let groupSchema = SchemaLocation.find(in: [], of: tree, named: "group.schema.json")
        let repository = CaseImport.Repository(
            snapshot: snapshot, settingsText: settingsText, usedIDs: used,
            files: { folder in Set((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []) },
            read: { path in (try? Data(contentsOf: URL(fileURLWithPath: root + "/" + path))).map { String(decoding: $0, as: UTF8.self) } },
            schema: { folder, file in Scaffold.relativePath(to: file == "group.schema.json" ? groupSchema : caseSchema, from: folder) })
        let plan = try CaseImport(suite: suite, into: repository, groupPrefix: group, mapping: mapping)
        print(plan.summary(of: suite), terminator: "")
        let losses = plan.notes.filter { $0.isLoss }
        if strict, !losses.isEmpty {
            throw CommandFailure(
                "--strict: \(losses.count) \(losses.count == 1 ? "thing" : "things") of the export would not be imported (listed above); nothing written"
            )
        }
        if dryRun {
            print(
                "Would write \(plan.writes.count) \(plan.writes.count == 1 ? "file" : "files")\(plan.removals.isEmpty ? "" : " and remove \(plan.removals.count)") (--dry-run: nothing written):"
            )
            for write in plan.writes { print("  \(manager.fileExists(atPath: target + "/" + write.path) ? "change" : "new   ") \(write.path)") }
            for path in plan.removals { print("  remove \(path)") }
            return false
        }
        if scratch != nil, let key {
            try makeRepository(at: target, key: key, with: plan)
        } else {
            try write(plan, root: target)
        }
        print("Wrote \(plan.writes.count) \(plan.writes.count == 1 ? "file" : "files") in \(target)")
        return validate(root: target, written: plan.writes)
    }

    /// Makes the new case repository at `target` with the planned files. Into a folder that does
    /// not exist or is empty, the repository is made whole beside it and then renamed into place:
    /// a failure leaves nothing, and no file needs a rename of its own (51,000 of them took a
    /// second). A folder that already holds files gets the repository's files among its own.
    private func makeRepository(at target: String, key: String, with plan: CaseImport) throws {
        let manager = FileManager.default
        let name = URL(fileURLWithPath: target).lastPathComponent
        if let present = try? manager.contentsOfDirectory(atPath: target), !present.isEmpty {
            try Init.make(at: target, key: key, name: name)
            try write(plan, root: target)
        } else {
            let parent = (target as NSString).deletingLastPathComponent
            let aside = parent + "/.casebook-import-" + UUID().uuidString
            do {
                try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                try Init.make(at: aside, key: key, name: name)
                try write(plan, root: aside, fresh: true)
                guard rename(aside, target) == 0 else { throw CommandFailure("cannot make \(target): \(String(cString: strerror(errno)))") }
            } catch {
                try? manager.removeItem(atPath: aside)
                throw error as? CommandFailure ?? CommandFailure("cannot make \(target): \(error.localizedDescription)")
            }
        }
        print("Made a case repository (\(key)) in \(target)")
    }

    /// Writes the planned files below `root`. Into a `fresh` folder (one nobody sees yet) each is
    /// written in place; otherwise each is written aside first and then moved into place, so that
    /// a failure while writing leaves no half-written file.
    private func write(_ plan: CaseImport, root: String, fresh: Bool = false) throws {
        let manager = FileManager.default
        var staged: [(aside: String, target: String)] = []
        defer { if !fresh { for file in staged { unlink(file.aside) } } }
        do {
            var folders: Set<String> = []
            for write in plan.writes {
                let target = root + "/" + write.path
                let folder = (target as NSString).deletingLastPathComponent
                if folders.insert(folder).inserted { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                staged.append((fresh ? target : folder + "/.casebook-import-" + UUID().uuidString, target))
            }
            // Files are made on every core: creating 50,000 of them is the file system's work.
            let writes = zip(staged, plan.writes).map { ($0.aside, $1.text) }
            if let failure = writes.parallelMap({ Self.create($0.0, $0.1, replacing: fresh) }).first(where: { $0 != nil }) {
                throw CommandFailure(failure!)
            }
            if !fresh {
                let moves = staged.map { [$0.aside, $0.target] }
                let moved = moves.parallelMap { move in
                    rename(move[0], move[1]) == 0 ? nil : "cannot write \(move[1]): \(String(cString: strerror(errno)))"
                }
                if let failure = moved.first(where: { $0 != nil }) { throw CommandFailure(failure!) }
            }
            staged.removeAll()
            for path in plan.removals { try manager.removeItem(atPath: root + "/" + path) }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("cannot write the cases: \(error.localizedDescription)")
        }
    }

    /// Writes a file (without Foundation's `fsync` of each one: 50,000 of them took seconds), a
    /// new one unless `replacing`; answers why it could not.
    @Sendable private static func create(_ path: String, _ text: String, replacing: Bool) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL), 0o644)
        guard descriptor >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        var text = text
        return text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                guard count > 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
                written += count
            }
            return nil
        }
    }

    /// Validates the repository after the import (the files just written as they are in memory)
    /// and prints its findings; answers whether it has errors.
    private func validate(root: String, written: [(path: String, text: String)]) -> Bool {
        let tree = OverlaidTree(
            base: WorkingTree(root: root), texts: Dictionary(written.map { ($0.path, Array($0.text.utf8)) }, uniquingKeysWith: { $1 }))
        guard let snapshot = try? Snapshot.load(from: tree) else { return true }
        return withExtendedLifetime(snapshot) {
            let findings = snapshot.findings
            guard !findings.isEmpty else {
                print("The case repository validates clean.")
                return false
            }
            var report = ValidationReport(snapshot: snapshot, pathPrefix: "") { file in
                let bytes = (try? tree.reader().contents(of: file)) ?? []
                return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            report.root = root
            Swift.print(report.render(.text), terminator: "")
            return report.failed
        }
    }
}
