import CasebookCore
import CasebookGit
import CasebookTestSupport
import Foundation
import Testing

/// A small case repository in the folder `cases-repo` of a git repository, committed three times.
struct ThreeCommits {
    let fixture: GitFixture
    let first: String, second: String, third: String

    static let settings = "project: { key: SHOP, name: Shop }\n"

    static func testCase(_ id: String, _ title: String, priority: String = "high") -> String {
        "id: \(id)\ntitle: \(title)\npriority: \(priority)\nsteps:\n  - action: Open the shop\n    expected: It opens\n"
    }

    init() throws {
        fixture = try GitFixture()
        try fixture.write([
            "README.md": "not part of the case repository\n",
            "cases-repo/casebook.yaml": Self.settings,
            "cases-repo/cases/login/SHOP-1.yaml": Self.testCase("SHOP-1", "Log in"),
            "cases-repo/cases/login/SHOP-2.yaml": Self.testCase("SHOP-2", "Log out"),
            "cases-repo/.hidden/notes.yaml": "whatever\n",
        ])
        first = try fixture.commit("Add login cases")
        try fixture.write(["cases-repo/cases/login/SHOP-2.yaml": Self.testCase("SHOP-2", "Log out everywhere")])
        try fixture.write(["cases-repo/cases/cart/SHOP-3.yaml": Self.testCase("SHOP-3", "Add to cart")])
        second = try fixture.commit("Edit SHOP-2, add SHOP-3")
        try fixture.move("cases-repo/cases/login/SHOP-2.yaml", to: "cases-repo/cases/account/SHOP-2.yaml")
        try fixture.write(["cases-repo/cases/account/SHOP-2.yaml": Self.testCase("SHOP-2", "Sign out everywhere", priority: "low")])
        try fixture.remove("cases-repo/cases/cart/SHOP-3.yaml")
        third = try fixture.commit("Move SHOP-2 to account and edit it; remove SHOP-3")
        try fixture.git("tag", "v1", first)
        try fixture.git("branch", "feature", second)
    }
}

@Suite struct GitRepositoryTests {
    @Test func findsTheCaseRepositoryFolderFromInsideIt() throws {
        let repo = try ThreeCommits()
        let cases = try CaseRepository(at: repo.fixture.path + "/cases-repo/cases/login")
        #expect(cases.prefix == "cases-repo")
        #expect(cases.git.currentBranch() == "main")
        #expect(try CaseRepository(at: repo.fixture.path).prefix == "")
    }

    @Test(arguments: [("main", 3), ("HEAD", 3), ("HEAD~2", 1), ("v1", 1), ("feature", 2), ("HEAD^", 2)])
    func resolvesRefs(revision: String, commitNumber: Int) throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        #expect(try git.resolve(revision) == [repo.first, repo.second, repo.third][commitNumber - 1])
        #expect(try git.resolve(String(repo.second.prefix(8))) == repo.second)
        #expect(try git.resolve(repo.second) == repo.second)
    }

    @Test(arguments: ["nope", "HEAD~7", "0000000", "main:README.md"])
    func anUnknownRefIsATypedError(revision: String) throws {
        let git = try GitRepository(discoveringFrom: try ThreeCommits().fixture.path)
        #expect(throws: GitError.unknownRevision(revision)) { try git.resolve(revision) }
    }

    @Test func aFolderOutsideAnyRepositoryIsNotARepository() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(throws: GitError.notARepository(path: folder.path)) { try GitRepository(discoveringFrom: folder.path) }
    }

    @Test func listsTheFilesOfACommitUnderTheFolderWithTheirBlobIDs() throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        let files = try git.files(of: repo.second, under: "cases-repo")
        #expect(files.map(\.path) == ["casebook.yaml", "cases/cart/SHOP-3.yaml", "cases/login/SHOP-1.yaml", "cases/login/SHOP-2.yaml"])
        let settings = try #require(files.first)
        #expect(settings.contentID == GitBlobID.of(Array(ThreeCommits.settings.utf8)))
        #expect(try git.caseFile(#require(settings.contentID)) == Array(ThreeCommits.settings.utf8))
        #expect(throws: GitError.pathNotFound(path: "elsewhere", commit: repo.second)) { try git.files(of: repo.second, under: "elsewhere") }
    }

    /// Folders two levels down are listed apart (on every core): the listing is the same, in tree
    /// order, with hidden entries and links left out at every depth.
    @Test func foldersListedApartKeepTreeOrder() throws {
        let fixture = try GitFixture()
        try fixture.write([
            "top.yaml": "1\n", "cases/a.yaml": "2\n", "cases/b/x.yaml": "3\n", "cases/b/.hidden.yaml": "4\n", "cases/c.yaml": "5\n",
            "cases/d/e/f.yaml": "6\n", "cases/d/e/.g/h.yaml": "7\n", "cases/.i/j.yaml": "8\n", "cases/d/k.yaml": "9\n", "plans/p.yaml": "10\n",
        ])
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/cases/d/link.yaml", withDestinationPath: "k.yaml")
        let commit = try fixture.commit("layout")
        let files = try GitRepository(discoveringFrom: fixture.path).files(of: commit, under: "")
        #expect(
            files.map(\.path) == ["cases/a.yaml", "cases/b/x.yaml", "cases/c.yaml", "cases/d/e/f.yaml", "cases/d/k.yaml", "plans/p.yaml", "top.yaml"])
        #expect(files.map(\.contentID) == ["2\n", "3\n", "5\n", "6\n", "9\n", "10\n", "1\n"].map { GitBlobID.of(Array($0.utf8)) })
    }

    /// A folder listed apart whose tree cannot be read fails the listing, naming the folder.
    @Test func aFolderThatCannotBeReadIsNamed() throws {
        let fixture = try GitFixture()
        try fixture.write(["cases/a.yaml": "1\n", "cases/b/x.yaml": "2\n"])
        let commit = try fixture.commit("layout")
        let tree = try fixture.git("rev-parse", "\(commit):cases/b")
        try FileManager.default.removeItem(atPath: "\(fixture.path)/.git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))")
        let git = try GitRepository(discoveringFrom: fixture.path)
        #expect {
            try git.files(of: commit, under: "")
        } throws: { error in
            guard case .failed(let operation, _) = error as? GitError else { return false }
            return operation == "read the tree of cases/b/"
        }
    }

    @Test func blobsAreReadWithoutHashingThemAgain() throws {
        let fixture = try GitFixture()
        try fixture.write(["a.yaml": "first\n", "b.yaml": "second\n"])
        _ = try fixture.commit("Two files")
        let first = GitBlobID.of(Array("first\n".utf8)), second = GitBlobID.of(Array("second\n".utf8))
        func object(_ id: String) -> String { "\(fixture.path)/.git/objects/\(id.prefix(2))/\(id.dropFirst(2))" }
        // The loose object of the first blob now holds the second's content, under the first's id.
        try FileManager.default.removeItem(atPath: object(first))
        try FileManager.default.copyItem(atPath: object(second), toPath: object(first))
        // git reads it as it is; checking each object's hash again cost 8% of indexing a commit.
        #expect(try GitRepository(discoveringFrom: fixture.path).caseFile(first) == Array("second\n".utf8))
    }

    /// An id that names a tree, or nothing, is not read as a blob.
    @Test func onlyBlobsAreReadAsBlobs() throws {
        let fixture = try GitFixture()
        try fixture.write(["cases/a.yaml": "1\n"])
        let commit = try fixture.commit("One file")
        let tree = try fixture.git("rev-parse", "\(commit):cases")
        let git = try GitRepository(discoveringFrom: fixture.path)
        #expect(throws: GitError.failed(operation: "read blob \(tree)", message: "the object is not a blob")) { try git.caseFile(tree) }
        let missing = String(repeating: "0", count: 40)
        #expect {
            try git.caseFile(missing)
        } throws: { error in
            guard case .failed(let operation, _) = error as? GitError else { return false }
            return operation == "read blob \(missing)"
        }
    }

    @Test func diffsTwoCommitsByPath() throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        let changes = try git.changes(from: repo.second, to: repo.third, under: "cases-repo")
        #expect(
            changes.map { "\($0.status.rawValue) \($0.path)" } == [
                "added cases/account/SHOP-2.yaml", "deleted cases/cart/SHOP-3.yaml", "deleted cases/login/SHOP-2.yaml",
            ])
        #expect(try git.changes(from: nil, to: repo.first, under: "cases-repo").count == 3)
    }

    @Test func aDiffLeavesOutWhatTheFileListingLeavesOut() throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        // A folder becomes a file, a file becomes a folder, a link and hidden files come.
        try repo.fixture.remove("cases-repo/cases/login")
        try repo.fixture.remove("cases-repo/cases/account/SHOP-2.yaml")
        try repo.fixture.write([
            "cases-repo/cases/login": "now a file\n",
            "cases-repo/cases/account/SHOP-2.yaml/inner.yaml": "now a folder\n",
            "cases-repo/.hidden/more.yaml": "x\n",
            "cases-repo/cases/.notes.yaml": "x\n",
        ])
        try FileManager.default.createSymbolicLink(atPath: repo.fixture.path + "/cases-repo/cases/link.yaml", withDestinationPath: "login")
        let fourth = try repo.fixture.commit("Turn things around")
        let changes = try git.changes(from: repo.third, to: fourth, under: "cases-repo")
        #expect(
            changes.map { "\($0.status.rawValue) \($0.path)" } == [
                "deleted cases/account/SHOP-2.yaml", "added cases/account/SHOP-2.yaml/inner.yaml", "added cases/login",
                "deleted cases/login/SHOP-1.yaml",
            ])
        #expect(
            Set(changes.compactMap(\.newBlob))
                == Set(
                    try git.files(of: fourth, under: "cases-repo").filter { $0.path.contains("login") || $0.path.contains("inner") }.compactMap(
                        \.contentID)))
        #expect(try git.changes(from: fourth, to: fourth, under: "cases-repo").isEmpty)
    }

    @Test func commitsTouchingAPathAreNewestFirst() throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        let commits = try git.commits(touching: "cases-repo/cases/login/SHOP-2.yaml", from: "main")
        #expect(commits.map(\.id) == [repo.third, repo.second, repo.first])
        #expect(commits.map(\.summary) == ["Move SHOP-2 to account and edit it; remove SHOP-3", "Edit SHOP-2, add SHOP-3", "Add login cases"])
        #expect(commits.first?.authorName == "Ada Tester")
        #expect(commits.first?.authorEmail == "ada.tester@example.com")
        #expect(try #require(commits.first).time > #require(commits.last).time)
    }

    @Test func fetchesARemoteAndResolvesItsTrackingBranch() throws {
        let upstream = try ThreeCommits()
        let mirror = try TemporaryDirectory()
        defer { mirror.remove() }
        let clone = mirror.path + "/clone"
        try upstream.fixture.git("clone", "-q", upstream.fixture.path, clone)
        try upstream.fixture.write(["cases-repo/cases/login/SHOP-9.yaml": ThreeCommits.testCase("SHOP-9", "Reset password")])
        let fourth = try upstream.fixture.commit("Add SHOP-9")
        let git = try GitRepository(discoveringFrom: clone)
        #expect(try git.resolve("origin/main") == upstream.third)
        try git.fetch(remote: "origin")
        #expect(try git.resolve("origin/main") == fourth)
        #expect(throws: GitError.self) { try git.fetch(remote: "nowhere") }
    }
}

/// Blobs larger than casebook reads are measured by their header, not read.
@Suite struct LargeBlobTests {
    @Test func aCommittedFileOverTheLimitIsAFindingAndIsNotRead() throws {
        let fixture = try GitFixture()
        try fixture.write([
            "casebook.yaml": "project: { key: S, name: S }\n", "cases/a.yaml": "id: S-1\ntitle: T\nsteps: [{ action: A }]\n",
            "cases/huge.yaml": "# " + String(repeating: "x", count: 2 << 20) + "\n",
        ])
        let commit = try fixture.commit("A huge file")
        let repository = try CaseRepository(at: fixture.path)
        let huge = try #require(try repository.tree(at: commit).files().first { $0.path == "cases/huge.yaml" }?.contentID)
        guard case .tooLarge(let size) = try repository.git.blob(huge, atMost: SourceFile.maximumSize) else {
            Issue.record("a 2 MiB blob was read")
            return
        }
        #expect(size == (2 << 20) + 3)
        let snapshot = try Snapshot.load(from: repository.tree(at: commit))
        #expect(snapshot.findings.map(\.rule) == [.fileTooLarge])
        #expect(snapshot.findings.first?.message == "the file is \((2 << 20) + 3) bytes; casebook files may be at most 1 MiB, split it")
        #expect(snapshot.testCase("S-1") != nil)
    }
}
