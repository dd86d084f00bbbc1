/// What importing an ``ImportedSuite`` into a case repository writes: new and changed case
/// files, group files, and `casebook.yaml` with the priorities, types and fields the cases need.
/// Pure: the command reads the repository, asks for a plan, and writes it.
package struct CaseImport: Sendable {
    /// The case repository as it is before the import.
    package struct Repository: Sendable {
        package var snapshot: Snapshot
        /// The text of `casebook.yaml`.
        package var settingsText: String
        /// Case ids taken anywhere (on disk and on every branch), so that new ones are free.
        package var usedIDs: Set<String>
        /// The file names in a folder (from the root, like `cases/checkout`), for unique names.
        package var files: @Sendable (String) -> Set<String>
        /// A file's text, `nil` when there is none.
        package var read: @Sendable (String) -> String?
        /// The `$schema=` target for a file in a folder, like `../../.casebook/schemas/case.schema.json`.
        package var schema: @Sendable (_ folder: String, _ file: String) -> String

        package init(
            snapshot: Snapshot, settingsText: String, usedIDs: Set<String>, files: @escaping @Sendable (String) -> Set<String>,
            read: @escaping @Sendable (String) -> String?, schema: @escaping @Sendable (String, String) -> String
        ) {
            self.snapshot = snapshot
            self.settingsText = settingsText
            self.usedIDs = usedIDs
            self.files = files
            self.read = read
            self.schema = schema
        }
    }

    /// A case the import writes or leaves.
    package struct Outcome: Sendable, Equatable {
        package enum Kind: Sendable, Equatable {
            case created
            /// With the keys of the file that changed (`title`, `steps`…).
            case updated([String])
            case unchanged
        }

        package var id: String
        package var path: String
        package var sourceID: String
        package var kind: Kind
    }

    /// Files to write (path from the root → text), files to remove (cases that moved group),
    /// and what each case became.
    package var writes: [(path: String, text: String)] = []
    package var removals: [String] = []
    package var outcomes: [Outcome] = []
    /// Cases an earlier import wrote that this export no longer has: they stay.
    package var missing: [(id: String, path: String, sourceID: String)] = []
    /// What `casebook.yaml` gains, in words (`types: other`).
    package var settingsAdditions: [String] = []
    /// The suite's notes and the import's own.
    package var notes: [ImportNote]

    /// The name of the custom field that keeps a case's id in the other tool.
    package static let sourceField = "source-id"

    /// Plans the import of `suite` into `repository`: cases go below `cases/` and the folder
    /// `groupPrefix`; `mapping` renames priorities and types (else the project's own values are
    /// matched regardless of case, and the ones it lacks are added).
    package init(suite: ImportedSuite, into repository: Repository, groupPrefix: String?, mapping: ImportMapping = ImportMapping())
        throws(ImportError)
    {
        notes = suite.notes
        let snapshot = repository.snapshot
        var settings = SettingsChange(settings: snapshot.settings, text: repository.settingsText)
        let priorities = settings.values(.priorities, seen: suite.priorities, mapped: mapping.priorities)
        let types = settings.values(.types, seen: suite.types, mapped: mapping.types)
        // The values of the fields the project has as enums, in the order first seen.
        let enums = Set(snapshot.settings.fields.filter { $0.type == .enum }.map(\.name))
        var seen: [String: [String]] = [:]
        var counted: Set<[String]> = []
        for imported in suite.cases {
            for (name, value) in imported.fields where enums.contains(name) && counted.insert([name, value]).inserted {
                seen[name, default: []].append(value)
            }
        }
        let fields = settings.declare(suite.fields, seen: seen, sourceField: Self.sourceField)

        var previous: [String: TestCase] = [:]
        for testCase in snapshot.cases {
            if case .text(let source)? = testCase.fields[Self.sourceField] { previous[source] = testCase }
        }
        let key = snapshot.settings.key
        var nextNumber = (repository.usedIDs.compactMap { CaseID.parts($0).flatMap { $0.key == key ? $0.number : nil } }.max() ?? 0) + 1

        let folders = Self.folders(of: suite.groups, prefix: groupPrefix)
        var taken: [String: Set<String>] = [:]
        func uniqueName(in folder: String, _ base: String) -> String {
            if taken[folder] == nil { taken[folder] = repository.files(folder) }
            var name = base + ".yaml", attempt = 1
            while taken[folder]!.contains(name) {
                attempt += 1
                name = "\(base)-\(attempt).yaml"
            }
            taken[folder]!.insert(name)
            return name
        }

        for (index, group) in suite.groups.enumerated() {
            let path = folders[index] + "/group.yaml"
            let text = Self.groupFile(group, schema: repository.schema(folders[index], "group.schema.json"))
            if let existing = repository.read(path) {
                if existing != text {
                    notes.append(
                        ImportNote(
                            SourceLocation(file: path, line: 1, column: 1),
                            "kept as it is: the group file differs from what this export gives section '\(group.name)'"))
                }
            } else {
                writes.append((path, text))
            }
        }

        var seenSources: [String: SourceLocation] = [:]
        var placements: [Placement] = []
        for imported in suite.cases {
            guard !imported.sourceID.isEmpty else { throw ImportError(imported.location, "a case without an id; the export must give each case one") }
            if let first = seenSources.updateValue(imported.location, forKey: imported.sourceID) {
                throw ImportError(imported.location, "a second case with id \(imported.sourceID) (the first is at \(first))")
            }
            var imported = imported
            if imported.title.isEmpty {
                imported.title = imported.sourceID
                notes.append(ImportNote(imported.location, "a case without a title: its title is its id \(imported.sourceID)", isLoss: false))
            }
            if imported.steps.isEmpty {
                imported.steps = [ImportedStep(action: imported.title, expected: "")]
                notes.append(ImportNote(imported.location, "\(imported.sourceID) has no steps: its one step is its title", isLoss: false))
            }
            let folder = imported.group.map { folders[$0] } ?? "cases" + (groupPrefix.map { "/" + $0 } ?? "")
            let old = previous.removeValue(forKey: imported.sourceID)
            let id: String
            let path: String
            if let old {
                id = old.id
                path =
                    old.path.hasPrefix(folder + "/") && !old.path.dropFirst(folder.count + 1).contains("/")
                    ? old.path : folder + "/" + uniqueName(in: folder, Scaffold.slug(imported.title))
            } else {
                id = "\(key)-\(nextNumber)"
                nextNumber += 1
                path = folder + "/" + uniqueName(in: folder, Scaffold.slug(imported.title))
            }
            placements.append(Placement(imported: imported, id: id, path: path, folder: folder, old: old))
        }
        // The texts are made on every core; each case's file is its own.
        let made = placements.parallelMap { placement in
            var notes: [ImportNote] = []
            let text = CaseFileText(
                placement.imported, id: placement.id, priority: placement.imported.priority.flatMap { priorities[$0] },
                type: placement.imported.type.flatMap { types[$0] }, fields: fields, schema: repository.schema(placement.folder, "case.schema.json")
            ).text(notes: &notes)
            return (text, notes, placement.old.map { repository.read($0.path) ?? "" })
        }
        for (placement, (text, textNotes, before)) in zip(placements, made) {
            notes += textNotes
            let kind: Outcome.Kind
            if let old = placement.old, let before {
                if before == text && placement.path == old.path {
                    kind = .unchanged
                } else {
                    var changed = CaseFileText.changedKeys(from: before, to: text)
                    if placement.path != old.path {
                        removals.append(old.path)
                        changed.append("group")
                    }
                    kind = .updated(changed)
                }
            } else {
                kind = .created
            }
            if kind != .unchanged { writes.append((placement.path, text)) }
            outcomes.append(Outcome(id: placement.id, path: placement.path, sourceID: placement.imported.sourceID, kind: kind))
        }
        missing = previous.values.map { ($0.id, $0.path, Self.source(of: $0)) }.sorted { $0.path < $1.path }
        if let text = settings.changedText() { writes.insert(("casebook.yaml", text), at: 0) }
        settingsAdditions = settings.additions
    }

    /// Where a case goes, and the case an earlier import wrote for it.
    private struct Placement: Sendable {
        var imported: ImportedCase
        var id: String
        var path: String
        var folder: String
        var old: TestCase?
    }

    private static func source(of testCase: TestCase) -> String {
        if case .text(let source)? = testCase.fields[sourceField] { return source }
        return ""
    }

    /// Each group's folder from the root: its parent's folder (or `cases/` and the prefix) and a
    /// name from its own, unique among its siblings.
    private static func folders(of groups: [ImportedGroup], prefix: String?) -> [String] {
        let top = "cases" + (prefix.map { "/" + $0 } ?? "")
        var folders: [String] = []
        var siblings: [String: Set<String>] = [:]
        for group in groups {
            let parent = group.parent.map { folders[$0] } ?? top
            let base = Scaffold.slug(group.name)
            var name = base, attempt = 1
            while siblings[parent, default: []].contains(name) {
                attempt += 1
                name = "\(base)-\(attempt)"
            }
            siblings[parent, default: []].insert(name)
            folders.append(parent + "/" + name)
        }
        return folders
    }

    private static func groupFile(_ group: ImportedGroup, schema: String) -> String {
        var text = "# yaml-language-server: $schema=\(schema)\ntitle: \(YAMLText.scalar(group.name, indent: 0))\n"
        if let description = group.description { text += "description: \(YAMLText.scalar(description, indent: 0))\n" }
        return text
    }
}
