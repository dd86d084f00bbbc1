import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation

/// A real database file in a temporary folder, with an admin and a tester, and a small case
/// repository to run plans of.
struct StoreFixture {
    static let files = [
        "casebook.yaml": "project: { key: S, name: S }\ndevices: [{ id: web }, { id: ios }]\n",
        "cases/a/one.yaml": "id: S-1\ntitle: One\nautomation: { status: automated, ref: tests.OneTests.testOne }\nsteps: [{ action: A }]\n",
        "cases/a/b/two.yaml": "id: S-2\ntitle: Two\nsteps: [{ action: A }]\n",
        "cases/c/three.yaml": "id: S-3\ntitle: Three\nsteps: [{ action: A }]\n",
        "plans/all.yaml": "id: ALL\ntitle: Everything\ndevices: [web, ios]\ninclude:\n  - group: a\n  - group: c\n",
    ]

    let folder: TemporaryDirectory
    let database: AppDatabase
    let admin: Principal
    let tester: Principal
    /// The tester's session token.
    let testerToken: String
    let snapshot: Snapshot

    init(files: [String: String] = Self.files) async throws {
        folder = try TemporaryDirectory()
        database = try AppDatabase.open(path: folder.path + "/db/casebook.sqlite", passwords: PasswordPolicy(cost: 4))
        _ = try await database.addUser(.init(username: "ada", role: .admin, password: "correct horse battery"), by: .commandLine)
        _ = try await database.addUser(.init(username: "tim", role: .tester, password: "tester password"), by: .commandLine)
        admin = try await database.authenticate(
            database.login(username: "ada", password: "correct horse battery", lifetime: .seconds(3600), from: "127.0.0.1").token.text)
        testerToken = try await database.login(username: "tim", password: "tester password", lifetime: .seconds(3600), from: "127.0.0.1").token.text
        tester = try await database.authenticate(testerToken)
        snapshot = try Snapshot.load(from: MemoryTree(files))
    }

    /// A run of plan ALL at commit "c1".
    func run() async throws -> Run {
        try await database.createRun(project: "S", planID: "ALL", title: nil, build: "1.0", commit: "c1", snapshot: snapshot, by: tester).run
    }
}
