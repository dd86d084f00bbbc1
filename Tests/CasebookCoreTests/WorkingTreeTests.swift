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

/// Files a case repository must not make casebook read: huge, linked from outside, badly named.
@Suite struct HostileWorkingTreeTests {
    /// A repository with one good case, `cases/web/a.yaml`.
    static func repository() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("casebook.yaml", "project: { key: S, name: S }\n")
        try directory.write("cases/web/a.yaml", "id: S-1\ntitle: T\nsteps: [{ action: A }]\n")
        return directory
    }

    @Test func aFileOverTheLimitIsReportedWithoutBeingRead() throws {
        let directory = try Self.repository()
        defer { directory.remove() }
        // Sparse: a gigabyte on paper, nothing on disk. Read, it would take a gigabyte of memory.
        let path = directory.path + "/cases/web/sparse.yaml"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 30) == 0)
        let finding = try #require(try Snapshot.load(from: WorkingTree(root: directory.path)).findings.first)
        #expect(finding.rule == .fileTooLarge && finding.file == "cases/web/sparse.yaml")
        #expect(finding.message == "the file is 1073741824 bytes; casebook files may be at most 1 MiB, split it")
        #expect(throws: CasebookError.tooLarge(path: "cases/web/sparse.yaml", size: 1 << 30)) {
            try WorkingTree(root: directory.path).reader().contents(of: "cases/web/sparse.yaml")
        }
    }

    @Test func aLinkOutOfTheRepositoryIsRefusedAndOneInsideIsRead() throws {
        let directory = try Self.repository()
        defer { directory.remove() }
        let outside = try TemporaryDirectory()
        defer { outside.remove() }
        try outside.write("secret.yaml", "id: S-9\ntitle: Secret\nsteps: [{ action: A }]\n")
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/cases/web/secret.yaml", withDestinationPath: outside.path + "/secret.yaml")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/cases/web/passwd.yaml", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/cases/web/same.yaml", withDestinationPath: "a.yaml")
        let snapshot = try Snapshot.load(from: WorkingTree(root: directory.path))
        let refused = snapshot.findings.filter { $0.rule == .fileUnreadable }
        #expect(refused.map(\.file) == ["cases/web/passwd.yaml", "cases/web/secret.yaml"])
        #expect(refused.allSatisfy { $0.message.contains("outside the case repository") })
        #expect(!refused.contains { $0.message.contains("root:") })
        #expect(snapshot.testCase("S-9") == nil)
        // The link inside the repository is read: its case's id is then used twice.
        #expect(snapshot.findings.contains { $0.rule == .idDuplicate && $0.file == "cases/web/same.yaml" })
    }

    @Test func aFileNameThatIsNotUTF8IsSaidToBeSo() throws {
        let directory = try Self.repository()
        defer { directory.remove() }
        var bytes = Array((directory.path + "/cases/web/caf").utf8) + [0xE9] + Array(".yaml".utf8) + [0]
        let descriptor = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let finding = try #require(try Snapshot.load(from: WorkingTree(root: directory.path)).findings.first { $0.file.hasPrefix("cases/web/caf") })
        #expect(finding.rule == .fileUnreadable && finding.message.contains("the file name is not UTF-8"))
    }
}
