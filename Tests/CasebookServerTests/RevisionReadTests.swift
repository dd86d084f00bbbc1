import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookServer

/// Reads of another revision than the followed one (`?ref=`): built once, kept, and shared by
/// the reads that ask for it while it is being built.
@Suite struct RevisionReadTests {
    /// The sample repository with a second commit on top, so that the first is another revision.
    static func project(_ repo: ServedRepository) async throws -> Project {
        try repo.fixture.write(["shop/cases/checkout/group.yaml": "title: Checkout, revised\n"])
        _ = try repo.fixture.commit("Revise the checkout group")
        return try await Project.open(ProjectSource(path: repo.casesPath))
    }

    @Test func concurrentReadsOfARevisionShareOneBuild() async throws {
        let repo = try await ServedRepository()
        let project = try await Self.project(repo)
        let snapshots = try await withThrowingTaskGroup(of: ServedSnapshot.self) { group in
            for index in 0..<16 {
                group.addTask { try await project.snapshot(at: index.isMultiple(of: 2) ? repo.first : String(repo.first.prefix(10))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(snapshots.count == 16 && snapshots.allSatisfy { $0 === snapshots[0] })
        #expect(snapshots[0].commit.id == repo.first && snapshots[0].snapshot.groups["checkout"]?.title == "Checkout")
        #expect(try await project.snapshot(at: "main~1") === snapshots[0], "kept for later reads")
        #expect(try await project.snapshot(at: "main") === project.current)
    }

    @Test func aRevisionThatCannotBeBuiltFailsEveryReadAndIsTriedAgain() async throws {
        let repo = try await ServedRepository()
        try repo.commitUnrelatedBranch("empty")
        let project = try await Project.open(ProjectSource(path: repo.casesPath))
        for _ in 0..<2 {
            let failures = await withTaskGroup(of: Problem?.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do {
                            _ = try await project.snapshot(at: "empty")
                            return nil
                        } catch {
                            return error as? Problem
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(failures.count == 4 && failures.allSatisfy { $0?.kind == .unreadableRevision })
        }
        #expect(try await project.snapshot(at: repo.first) === project.current)
    }
}
