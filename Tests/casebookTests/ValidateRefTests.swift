import CasebookTestSupport
import Foundation
import Testing

/// `casebook validate --ref`: a commit, read from git, whatever the working tree holds.
@Suite struct ValidateRefTests {
    static let good = "id: SHOP-1\ntitle: Log in\nsteps:\n  - action: Log in\n    expected: Signed in\n"

    @Test func validatesTheCommitNotTheWorkingTree() throws {
        let fixture = try GitFixture()
        defer { fixture.folder.remove() }
        try fixture.write(["cases-repo/casebook.yaml": "project: { key: SHOP, name: Shop }\n", "cases-repo/cases/login.yaml": Self.good])
        try fixture.commit("Add a case")
        try fixture.write(["cases-repo/cases/login.yaml": Self.good.replacingOccurrences(of: "title: Log in\n", with: "priority: hgh\n")])
        try fixture.commit("Break the case")
        try fixture.write(["cases-repo/cases/login.yaml": Self.good])  // fixed on disk, not committed

        let disk = try CommandLineTests.casebook(["validate", "cases-repo"], in: fixture.path)
        #expect(disk.status == 0)
        let head = try CommandLineTests.casebook(["validate", "cases-repo", "--ref", "HEAD", "--format", "json"], in: fixture.path)
        #expect(head.status == 1)
        #expect(head.output.contains(#""rule":"case.priority","severity":"error","file":"cases/login.yaml","line":2,"column":11"#))
        let text = try CommandLineTests.casebook(["validate", "--ref", "main"], in: fixture.path + "/cases-repo/cases")
        #expect(text.status == 1)
        #expect(text.output.contains("cases/login.yaml:2:11: error:"))
        #expect(text.output.contains("priority: hgh"))
        let before = try CommandLineTests.casebook(["validate", "cases-repo", "--ref", "HEAD~1"], in: fixture.path)
        #expect(before.status == 0)
    }

    @Test func anUnknownRefOrNoGitRepositoryCannotRun() throws {
        let fixture = try GitFixture()
        defer { fixture.folder.remove() }
        try fixture.write(["casebook.yaml": "project: { key: SHOP, name: Shop }\n"])
        try fixture.commit("Start")
        let unknown = try CommandLineTests.casebook(["validate", "--ref", "v9"], in: fixture.path)
        #expect(unknown.status == 2)
        #expect(unknown.errors == "casebook: error: 'v9' is not a branch, tag or commit of the repository\n")
        let plain = try TemporaryDirectory()
        defer { plain.remove() }
        try plain.write("casebook.yaml", "project: { key: SHOP, name: Shop }\n")
        let noGit = try CommandLineTests.casebook(["validate", "--ref", "HEAD"], in: plain.path)
        #expect(noGit.status == 2)
        #expect(noGit.errors.contains("no git repository"))
    }
}
