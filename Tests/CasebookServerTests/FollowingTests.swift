import CasebookCore
import CasebookTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct FollowingTests {
    static let newCase = """
        id: SHOP-500
        title: Pay with a gift card
        priority: high
        fields: { component: web }
        steps:
          - action: Pay with a gift card
            expected: The order is paid

        """

    @Test func refreshServesTheNewCommitParsingOnlyWhatChanged() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try repo.fixture.write(["shop/cases/checkout/gift-card.yaml": Self.newCase])
            let second = try repo.fixture.commit("Add SHOP-500")
            let body = try await client.refresh()
            #expect(body["commit"]?.string == second)
            #expect(body["changed"]?.bool == true)
            #expect(body["parsedFiles"]?.int == 1)
            let (_, project, _) = try await client.get("/api/v1/projects/SHOP")
            #expect(project["commit"]?["id"]?.string == second)
            #expect(project["project"]?["counts"]?["cases"]?.int == 71)
            let (status, _, _) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-500")
            #expect(status == .ok)
            // The first commit stays readable by ?ref=, by full or short id.
            let (old, before, _) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-500?ref=\(repo.first.prefix(10))")
            #expect(old == .notFound)
            #expect(before["case"]?.string == "SHOP-500")
            let (_, firstProject, _) = try await client.get("/api/v1/projects/SHOP?ref=\(repo.first)")
            #expect(firstProject["commit"]?["id"]?.string == repo.first)
            #expect(firstProject["project"]?["counts"]?["cases"]?.int == 70)
            let (_, again, _) = try await client.get("/api/v1/projects/SHOP?ref=main~1")
            #expect(again["commit"]?["id"]?.string == repo.first)

            #expect(try await client.refresh()["changed"]?.bool == false)
        }
    }

    @Test func aCommitWithBrokenFilesIsServedWithItsFindings() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try repo.fixture.write(["shop/cases/checkout/broken.yaml": "id: SHOP-501\ntitle: [unclosed\n"])
            let broken = try repo.fixture.commit("Break a case")
            _ = try await client.refresh()
            let (_, findings, _) = try await client.get("/api/v1/projects/SHOP/findings")
            #expect(findings["commit"]?["id"]?.string == broken)
            #expect(findings["errors"]?.int == 1)
            #expect(findings["findings"]?[0]?["rule"]?.string == "yaml.syntax")
            #expect(findings["findings"]?[0]?["file"]?.string == "cases/checkout/broken.yaml")
            #expect(findings["findings"]?[0]?["line"]?.int == 3)
            let (ready, health, _) = try await client.get("/health/ready")
            #expect(ready == .ok)
            #expect(health["status"]?.string == "ready")
        }
    }

    /// A force-push: the served commit is replaced by one that adds SHOP-500, and garbage
    /// collection deletes it. Answers the new commit.
    static func rewriteAway(_ repo: ServedRepository) throws -> String {
        try repo.fixture.write(["shop/cases/checkout/gift-card.yaml": newCase])
        try repo.fixture.git("add", "-A")
        try repo.fixture.git("-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit", "-q", "--amend", "-m", "Import, with SHOP-500")
        try repo.fixture.git("reflog", "expire", "--expire=now", "--all")
        try repo.fixture.git("gc", "-q", "--prune=now")
        #expect(try repo.fixture.git("cat-file", "-t", repo.first, allowFailure: true) != "commit")
        return try repo.fixture.git("rev-parse", "HEAD")
    }

    @Test func aForcePushedBranchIsFollowed() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let rewritten = try Self.rewriteAway(repo)
            let body = try await client.refresh()
            #expect(body["error"]?.string == nil)
            #expect(body["commit"]?.string == rewritten)
            #expect(body["parsedFiles"]?.int == 1)
            let (status, _, _) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-500")
            #expect(status == .ok)
        }
    }

    /// A burst of refreshes (webhooks) builds a new commit once: one refresh runs, and those asked
    /// for meanwhile share the one poll that runs after it.
    @Test func aBurstOfRefreshesBuildsTheNewCommitOnce() async throws {
        let repo = try await ServedRepository()
        let project = try await Project.open(ProjectSource(path: repo.casesPath))
        for round in 0..<3 {
            try repo.fixture.write([
                "shop/cases/checkout/gift-card-\(round).yaml": Self.newCase.replacingOccurrences(of: "SHOP-500", with: "SHOP-50\(round)")
            ])
            let commit = try repo.fixture.commit("Add a gift card case (\(round))")
            let outcomes = await withTaskGroup(of: Project.RefreshOutcome.self) { group in
                for _ in 0..<8 { group.addTask { await project.refresh() } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == 8 && outcomes.allSatisfy { $0.commit == commit && $0.error == nil })
            #expect(outcomes.filter(\.changed).count == 1 && outcomes.filter(\.changed).allSatisfy { $0.parsedFiles == 1 })
            #expect(project.current.commit.id == commit && project.current.snapshot.testCase("SHOP-50\(round)") != nil)
        }
        #expect(await project.refresh().changed == false)
    }

    @Test func aSnapshotWhoseCommitIsGoneIsFollowedByLoadingTheNextWhole() async throws {
        let repo = try await ServedRepository()
        let served = try await ProjectRepository(ProjectSource(path: repo.casesPath)).build(repo.first, from: nil)
        let rewritten = try Self.rewriteAway(repo)
        // A repository handle that never read the old commit, as a long-running server's cache may have dropped it.
        let next = try await ProjectRepository(ProjectSource(path: repo.casesPath)).build(rewritten, from: served)
        #expect(next.commit.id == rewritten)
        #expect(next.snapshot.cases.count == 71)
        // Every unchanged blob is still taken from the last snapshot's parse cache.
        #expect(next.snapshot.parsedFiles == 1)
    }

    @Test func anUnreadableRepositoryKeepsTheLastSnapshotAndReadySaysWhy() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            // The followed branch disappears: nothing to read any more.
            try repo.fixture.git("checkout", "-q", "--detach")
            try repo.fixture.git("branch", "-q", "-D", "main")
            let body = try await client.refresh()
            #expect(body["changed"]?.bool == false)
            #expect(body["commit"]?.string == repo.first)
            #expect(body["error"]?.string?.contains("'main'") == true)
            let (status, health, _) = try await client.get("/health/ready")
            #expect(status == .ok)
            #expect(health["status"]?.string == "degraded")
            #expect(health["projects"]?[0]?["error"]?.string?.contains("main") == true)
            let (cases, list, _) = try await client.get("/api/v1/projects/SHOP/cases?limit=1")
            #expect(cases == .ok)
            #expect(list["total"]?.int == 70)
            let (live, _, _) = try await client.get("/health/live")
            #expect(live == .ok)
        }
    }

    @Test func historyFollowsAMoveAndAnEditInOneCommit() async throws {
        let repo = try await ServedRepository()
        let original = try String(contentsOfFile: repo.casesPath + "/cases/account/password-reset.yaml", encoding: .utf8)
        try repo.fixture.move("shop/cases/account/password-reset.yaml", to: "shop/cases/account/sign-in/password-reset.yaml")
        try repo.fixture.write([
            "shop/cases/account/sign-in/password-reset.yaml": original.replacingOccurrences(
                of: "Reset a forgotten password", with: "Reset a forgotten password by e-mail")
        ])
        let moved = try repo.fixture.commit("Move SHOP-116 under sign-in and retitle it", author: "Bea Lead")
        try await repo.test { client in
            let (status, body, _) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-116/history")
            #expect(status == .ok)
            let commits = body["commits"]?.array ?? []
            #expect(commits.compactMap { $0["id"]?.string } == [moved, repo.first])
            #expect(commits.first?["change"]?.string == "moved")
            #expect(commits.first?["author"]?.string == "Bea Lead")
            #expect(commits.first?["previousPath"]?.string == "cases/account/password-reset.yaml")
            #expect(commits.last?["change"]?.string == "added")
            let (_, old, _) = try await client.get("/api/v1/projects/SHOP/cases/SHOP-116/history?ref=\(repo.first)")
            #expect(old["commits"]?.array?.count == 1)
        }
    }

    @Test func thePollerPicksUpANewCommit() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.pollInterval = .milliseconds(50)
        let app = try await buildApplication(options)
        try await app.test(.router) { client in
            try repo.fixture.write(["shop/cases/checkout/gift-card.yaml": Self.newCase])
            let second = try repo.fixture.commit("Add SHOP-500")
            var served = ""
            for _ in 0..<100 where served != second {
                try await Task.sleep(for: .milliseconds(50))
                served = try await client.get("/api/v1/projects/SHOP").1["commit"]?["id"]?.string ?? ""
            }
            #expect(served == second)
        }
    }
}

/// A commit that cannot be served whole leaves the last good one served.
@Suite struct LastGoodCommitTests {
    @Test func aCommitWithBrokenSettingsIsNotServedButItsFindingsAreReadable() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try repo.fixture.write(["shop/casebook.yaml": "project: { key: SHOP, name: Shop }\ndevices: 12\n"])
            let broken = try repo.fixture.commit("Break the settings")
            let refreshed = try await client.refresh()
            #expect(refreshed["commit"]?.string == repo.first && refreshed["changed"]?.bool == false)
            #expect(refreshed["error"]?.string?.contains("errors in casebook.yaml (2:10") == true, "\(refreshed)")
            let (_, project, _) = try await client.get("/api/v1/projects/SHOP")
            #expect(project["commit"]?["id"]?.string == repo.first)
            let (_, ready, _) = try await client.get("/health/ready")
            #expect(ready["status"]?.string == "degraded")
            #expect(ready["projects"]?[0]?["error"]?.string?.contains("last commit with valid settings stays served") == true)
            let (_, findings, _) = try await client.get("/api/v1/projects/SHOP/findings?ref=\(broken)")
            #expect(findings["findings"]?.array?.contains { $0["file"]?.string == "casebook.yaml" } == true)

            try repo.fixture.write([
                "shop/casebook.yaml": try String(contentsOfFile: FixtureFiles.packageRoot() + "/sample-repo/casebook.yaml", encoding: .utf8)
            ])
            let fixed = try repo.fixture.commit("Fix the settings")
            #expect(try await client.refresh()["commit"]?.string == fixed)
            #expect(try await client.get("/health/ready").1["status"]?.string == "ready")
        }
    }

    @Test func aCommitWithAMissingBlobIsRetriedUntilItCanBeRead() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            try repo.fixture.write(["shop/cases/checkout/gift-card.yaml": FollowingTests.newCase])
            let second = try repo.fixture.commit("Add SHOP-500")
            let blob = try repo.fixture.git("rev-parse", "\(second):shop/cases/checkout/gift-card.yaml").trimmingCharacters(
                in: .whitespacesAndNewlines)
            let object = "\(repo.fixture.path)/.git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))"
            try FileManager.default.moveItem(atPath: object, toPath: object + ".aside")
            let refreshed = try await client.refresh()
            #expect(
                refreshed["commit"]?.string == repo.first && refreshed["error"]?.string?.contains("could not be read whole") == true, "\(refreshed)")
            #expect(try await client.get("/health/ready").1["status"]?.string == "degraded")
            #expect(try await client.get("/api/v1/projects/SHOP/cases/SHOP-101").0 == .ok)

            try FileManager.default.moveItem(atPath: object + ".aside", toPath: object)
            #expect(try await client.refresh()["commit"]?.string == second)
            #expect(try await client.get("/api/v1/projects/SHOP/cases/SHOP-500").0 == .ok)
            #expect(try await client.get("/health/ready").1["status"]?.string == "ready")
        }
    }
}

/// Snapshots of other revisions are kept for reads that come again, within a bound.
@Suite struct KeptRevisionTests {
    @Test func nearRevisionsAreKeptUntilTheBranchMovesAndFarOnesAreLetGo() async throws {
        let repo = try await ServedRepository()
        let project = try await Project.open(ProjectSource(path: repo.casesPath))
        var commits = [repo.first]
        for number in 1...5 {
            try repo.fixture.write([
                "shop/cases/checkout/added-\(number).yaml": FollowingTests.newCase.replacingOccurrences(of: "SHOP-500", with: "SHOP-\(500 + number)")
            ])
            commits.append(try repo.fixture.commit("Add a case"))
        }
        for commit in commits.prefix(5) { _ = try await project.snapshot(at: commit) }
        #expect(project.keptCommits == commits.prefix(5).reversed().prefix(4).map { $0 }, "the last four read, most recent first")

        // Another history of 1,200 files shares nothing with the followed snapshot: served, not kept.
        try repo.fixture.git("checkout", "-q", "--orphan", "elsewhere")
        try repo.fixture.git("rm", "-rq", "--cached", ".")
        try FileManager.default.removeItem(atPath: repo.casesPath)
        var files = ["shop/casebook.yaml": "project: { key: SHOP, name: Shop }\n"]
        for number in 1...1_200 { files["shop/cases/c\(number).yaml"] = "id: SHOP-\(number)\ntitle: Case \(number)\nsteps: [{ action: A }]\n" }
        try repo.fixture.write(files)
        let far = try repo.fixture.commit("Another history")
        try repo.fixture.git("checkout", "-q", "-f", "main")
        #expect(try await project.snapshot(at: far).snapshot.cases.count == 1_200)
        #expect(!project.keptCommits.contains(far))

        // The branch moves: what was kept was built beside the snapshot it replaces, and goes.
        #expect(await project.refresh().changed)
        #expect(project.keptCommits.isEmpty)
    }
}
