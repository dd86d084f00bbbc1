import CasebookCore
import CasebookGit
import CasebookTestSupport
import Testing

@Suite struct CommitSnapshotTests {
    @Test func loadsASnapshotOfAnyCommitWithoutCheckingItOut() throws {
        let repo = try ThreeCommits()
        let cases = try CaseRepository(at: repo.fixture.path + "/cases-repo")
        let old = try Snapshot.load(from: cases.tree(at: "v1"))
        #expect(old.cases.map(\.id) == ["SHOP-1", "SHOP-2"])
        #expect(old.testCase("SHOP-2")?.title == "Log out")
        let head = try Snapshot.load(from: cases.tree(at: "HEAD"))
        #expect(head.cases.map(\.id) == ["SHOP-2", "SHOP-1"])
        #expect(head.testCase("SHOP-2")?.path == "cases/account/SHOP-2.yaml")
        #expect(
            head.testCase("SHOP-2")?.contentID == GitBlobID.of(Array(ThreeCommits.testCase("SHOP-2", "Sign out everywhere", priority: "low").utf8)))
        #expect(head.findings.isEmpty)
    }

    @Test func theNextCommitParsesOnlyTheFilesWhoseBlobChanged() throws {
        let repo = try ThreeCommits()
        let cases = try CaseRepository(at: repo.fixture.path + "/cases-repo")
        let first = try Snapshot.load(from: cases.tree(at: repo.first))
        #expect(first.parsedFiles == 2)
        let second = try Snapshot.load(from: cases.tree(at: repo.second), reusing: first.parseCache)
        #expect(second.parsedFiles == 2)  // SHOP-2 edited, SHOP-3 added; SHOP-1 reused
        #expect(second.testCase("SHOP-2")?.title == "Log out everywhere")
        let same = try Snapshot.load(from: cases.tree(at: repo.second), reusing: second.parseCache)
        #expect(same.parsedFiles == 0)
        #expect(same.cases.map(\.id) == second.cases.map(\.id))

        try repo.fixture.write(["cases-repo/casebook.yaml": "project: { key: SHOP, name: Shop renamed }\n"])
        let renamed = try repo.fixture.commit("Rename the project")
        let afterSettings = try Snapshot.load(from: cases.tree(at: renamed), reusing: same.parseCache)
        #expect(afterSettings.parsedFiles == 2)  // new settings: every file parsed again
    }

    /// A file that does not belong keeps its finding from load to load, and is neither counted as
    /// parsed nor listed as read.
    @Test func aMisplacedFileIsReportedButNotRead() throws {
        let repo = try ThreeCommits()
        try repo.fixture.write(["cases-repo/cases/login/notes.yml": "id: SHOP-9\n"])
        let commit = try repo.fixture.commit("Add notes")
        let cases = try CaseRepository(at: repo.fixture.path + "/cases-repo")
        let first = try Snapshot.load(from: cases.tree(at: commit))
        #expect(first.parsedFiles == 2)
        #expect(Set(first.files) == ["casebook.yaml", "cases/account/SHOP-2.yaml", "cases/login/SHOP-1.yaml"])
        #expect(first.findings.map(\.file) == ["cases/login/notes.yml"])
        let again = try Snapshot.load(from: cases.tree(at: commit), reusing: first.parseCache)
        #expect(again.parsedFiles == 0)
        #expect(again.findings == first.findings && Set(again.files) == Set(first.files))
    }

    @Test func aCommitWithBrokenFilesStillLoadsWithItsFindings() throws {
        let repo = try ThreeCommits()
        try repo.fixture.write([
            "cases-repo/cases/login/SHOP-1.yaml": "id: SHOP-1\ntitle: [unclosed\n",
            "cases-repo/cases/login/SHOP-4.yaml": ThreeCommits.testCase("SHOP-4", "Lock out", priority: "urgent"),
        ])
        let broken = try repo.fixture.commit("Break things")
        let snapshot = try Snapshot.load(from: CaseRepository(at: repo.fixture.path + "/cases-repo").tree(at: broken))
        #expect(
            snapshot.findings.map { "\($0.rule.rawValue) \($0.file):\($0.mark.line)" } == [
                "yaml.syntax cases/login/SHOP-1.yaml:3", "case.priority cases/login/SHOP-4.yaml:3",
            ])
        #expect(snapshot.testCase("SHOP-4") != nil)
    }

    @Test func aCommitTreeReadsAFileByPathOrByItsBlobID() throws {
        let repo = try ThreeCommits()
        let tree = try CaseRepository(at: repo.fixture.path + "/cases-repo").tree(at: repo.first)
        let reader = try tree.reader()
        let expected = Array(ThreeCommits.testCase("SHOP-2", "Log out").utf8)
        #expect(try reader.contents(of: "cases/login/SHOP-2.yaml") == expected)
        let listed = try #require(tree.files().first { $0.path == "cases/login/SHOP-2.yaml" })
        #expect(try reader.contents(of: listed) == expected)
        // By blob id when it is given: the id names the content, whatever the path.
        #expect(try reader.contents(of: SourceFile(path: "cases/login/SHOP-1.yaml", contentID: listed.contentID)) == expected)
        for missing in ["cases/login/SHOP-9.yaml", "a", "zzz", ""] {
            #expect(throws: CasebookError.self) { try reader.contents(of: missing) }
        }
    }

    @Test func aCommitWithoutCasebookYAMLIsNotACaseRepository() throws {
        let repo = try ThreeCommits()
        let git = try GitRepository(discoveringFrom: repo.fixture.path)
        let tree = try CommitTree(repository: git, commit: repo.first, prefix: "cases-repo/cases")
        #expect(throws: CasebookError.notARepository(path: ".")) { try Snapshot.load(from: tree) }
    }

    @Test func historyFollowsACaseAcrossAMoveByItsID() throws {
        let repo = try ThreeCommits()
        let cases = try CaseRepository(at: repo.fixture.path + "/cases-repo")
        let history = try cases.history(ofCase: "SHOP-2", at: "cases/account/SHOP-2.yaml", from: "HEAD")
        #expect(history.map(\.commit.id) == [repo.third, repo.second, repo.first])
        #expect(history.map(\.change) == [.moved, .modified, .added])
        #expect(history.first?.previousPath == "cases/login/SHOP-2.yaml")
        #expect(history.map(\.path) == ["cases/account/SHOP-2.yaml", "cases/login/SHOP-2.yaml", "cases/login/SHOP-2.yaml"])
        let one = try cases.history(ofCase: "SHOP-1", at: "cases/login/SHOP-1.yaml", from: "HEAD")
        #expect(one.map(\.change) == [.added])
    }
}
