import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

@Suite struct WorkingTreeTests {
    @Test func discoversTheRootUpwardsAndListsFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("cases/casebook.yaml", "project: { key: S, name: S }\n")
        try directory.write("cases/cases/web/a.yaml", "id: S-1\ntitle: T\nsteps: [{ action: A }]\n")
        try directory.write("cases/.git/config", "hidden")
        try directory.write("cases/.github/workflows/ci.yml", "hidden")

        let tree = try WorkingTree.discover(from: directory.path + "/cases/cases/web")
        #expect(tree.root.hasSuffix("/cases"))
        #expect(try tree.files().map(\.path) == ["casebook.yaml", "cases/web/a.yaml"])
        let snapshot = try Snapshot.load(from: tree)
        #expect(snapshot.findings.isEmpty)
        #expect(snapshot.testCase("S-1")?.contentID == GitBlobID.of(Array("id: S-1\ntitle: T\nsteps: [{ action: A }]\n".utf8)))
    }

    @Test func listsEveryFileOfADeepWideTreeInPathOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Names that sort differently as folders than as words: "a-b/" and "a.yaml" come before "a/".
        var expected = ["casebook.yaml", "cases/a.yaml", "cases/a-b.yaml"]
        for top in ["cases", "plans", "shared-steps"] {
            for middle in ["a", "a-b", "b"] {
                for depth in 0..<4 {
                    let folder = ([top, middle] + (0..<depth).map { "level\($0)" }).joined(separator: "/")
                    expected += ["\(folder)/one.yaml", "\(folder)/two.yaml"]
                }
            }
        }
        for path in expected { try directory.write(path, path) }
        #expect(try WorkingTree(root: directory.path).files().map(\.path) == expected.sorted())
    }

    @Test func oneReaderReadsFilesOfEveryFolderInAnyOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let files = ["casebook.yaml": "root", "cases/a.yaml": "a", "cases/web/a.yaml": "web a", "cases/web/b.yaml": "web b", "plans/a.yaml": "plan"]
        for (path, text) in files { try directory.write(path, text) }
        let reader = WorkingTree(root: directory.path).reader()
        // Back and forth between folders, and twice in a row from one.
        for path in ["cases/web/a.yaml", "cases/web/b.yaml", "cases/a.yaml", "casebook.yaml", "cases/web/a.yaml", "plans/a.yaml", "cases/a.yaml"] {
            #expect(try reader.contents(of: path) == Array(files[path]!.utf8))
        }
        #expect(throws: CasebookError.self) { try reader.contents(of: "cases/web/missing.yaml") }
        #expect(throws: CasebookError.self) { try reader.contents(of: "missing/a.yaml") }
        #expect(try reader.contents(of: "cases/web/b.yaml") == Array("web b".utf8))
    }

    @Test func linksToFoldersAreNotFollowed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("casebook.yaml", "project: { key: S, name: S }\n")
        try directory.write("cases/web/a.yaml", "id: S-1\ntitle: T\nsteps: [{ action: A }]\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/cases/web/loop", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/cases/web/b.yaml", withDestinationPath: "a.yaml")
        let tree = WorkingTree(root: directory.path)
        #expect(try tree.files().map(\.path) == ["casebook.yaml", "cases/web/a.yaml", "cases/web/b.yaml"])
    }

    @Test func noRepositoryAndNoPathAreErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: CasebookError.notARepository(path: directory.path)) { try WorkingTree.discover(from: directory.path) }
        #expect(throws: CasebookError.self) { try WorkingTree.discover(from: directory.path + "/missing") }
    }

    @Test func blobIDsMatchGit() {
        #expect(GitBlobID.of([]) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(GitBlobID.of(Array("hello\n".utf8)) == "ce013625030ba8dba906f756967f9e9ca394464a")
        let long = [UInt8](repeating: 0x61, count: 1000)
        #expect(GitBlobID.of(long) == "a50be72b20f0e3f078d252e8e56b11b4bec67509")
    }
}
