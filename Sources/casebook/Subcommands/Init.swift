import ArgumentParser
import CasebookCore
import Foundation

/// `casebook init [PATH] --key KEY --name NAME`: a new case repository for a team.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a case repository: casebook.yaml, the folders, JSON Schemas for editors and a README for the team.")

    @Argument(help: "The folder to make it in (made when missing).")
    var path: String = "."

    @Option(help: "The project key: the prefix of case ids, like SHOP.")
    var key: String

    @Option(help: "The project's name, like \"Web Shop\".")
    var name: String

    func validate() throws {
        guard key.range(of: #"^[A-Z][A-Z0-9]*$"#, options: .regularExpression) != nil else {
            throw ValidationError("--key must be capital letters and digits starting with a letter, like SHOP")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let root = URL(fileURLWithPath: path).standardizedFileURL.path
            try Self.make(at: root, key: key, name: name)
            print("Made a case repository for \(name) (\(key)) in \(root). Next: casebook new case --group GROUP --title \"…\"")
        }
    }

    /// Writes a new case repository's files into `root` (made when missing); a README or
    /// `.gitignore` already there stays.
    static func make(at root: String, key: String, name: String) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: root + "/casebook.yaml") else {
            throw CommandFailure("\(root)/casebook.yaml already exists; this is a case repository already")
        }
        do {
            for (relative, text) in files(key: key, name: name).sorted(by: { $0.key < $1.key }) {
                let url = URL(fileURLWithPath: root + "/" + relative)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard !manager.fileExists(atPath: url.path) else { continue }
                try Data(text.utf8).write(to: url)
            }
        } catch {
            throw CommandFailure("cannot write the case repository: \(error.localizedDescription)")
        }
    }

    /// The new repository's files, by path from its root.
    private static func files(key: String, name: String) -> [String: String] {
        var files = [
            "casebook.yaml": """
            # yaml-language-server: $schema=.casebook/schemas/casebook.schema.json
            project:
              key: \(key)
              name: \(Scaffold.quoted(name))
            devices: []
            # fields:
            #   component: { type: enum, values: [web, api, mobile] }

            """,
            "README.md": readme(key: key, name: name),
            "cases/README.md": "One case per `.yaml` file; each folder is a group (add a `group.yaml` with a title to name it).\n",
            "shared-steps/README.md": "Step blocks that cases reuse with `- use: BLOCK-ID`.\n",
            "plans/README.md": "One test plan per `.yaml` file: which cases to run, on which devices.\n",
            ".gitignore":
                "# The sidecar database and attachments of `casebook serve`, when it runs here.\n.casebook/*.sqlite*\n.casebook/attachments/\n",
        ]
        for (schema, bytes) in SchemaFiles.all { files[".casebook/schemas/" + schema] = String(decoding: bytes, as: UTF8.self) }
        return files
    }

    private static func readme(key: String, name: String) -> String {
        """
        # \(name): test cases

        The test cases of \(name), as code: one YAML file per case under `cases/` (folders are
        groups), reusable steps under `shared-steps/`, test plans under `plans/`, settings in
        `casebook.yaml`. Changes go through pull requests like any code.

        ## Everyday commands
        - `casebook new case --group checkout --title "Pay with a saved card"` writes a case with
          the next free id (`\(key)-…`), checked against every branch.
        - `casebook validate` checks every file; `casebook validate --base origin/main` also
          catches ids another branch took meanwhile.
        - `casebook diff origin/main` shows what a change means, case by case and step by step.
        - `casebook show \(key)-1` and `casebook log \(key)-1` show a case and its history.

        Editors with yaml-language-server complete and check files through the schemas in
        `.casebook/schemas/` (the first line of each file points there).

        """
    }
}

/// The JSON Schemas of the file formats, built into the binary for `casebook init`.
enum SchemaFiles {
    static let all: [(String, [UInt8])] = [
        ("casebook.schema.json", PackageResources.casebook_schema_json), ("case.schema.json", PackageResources.case_schema_json),
        ("group.schema.json", PackageResources.group_schema_json), ("plan.schema.json", PackageResources.plan_schema_json),
        ("shared-steps.schema.json", PackageResources.shared_steps_schema_json),
    ]
}
