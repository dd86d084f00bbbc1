import CasebookCore
import CasebookTestSupport
import Testing

@Suite struct RepositoryGeneratorTests {
    @Test(arguments: [2, 40, 1_000])
    func generatedRepositoriesValidateClean(_ count: Int) throws {
        let files = RepositoryGenerator(caseCount: count).files()
        let snapshot = try Snapshot.load(from: MemoryTree(Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.content) })))
        #expect(snapshot.findings.isEmpty, "\(snapshot.findings.prefix(3))")
        #expect(snapshot.cases.count == count)
        #expect(snapshot.plans.count == 3)
    }

    @Test func sameSeedSameRepository() {
        let a = RepositoryGenerator(caseCount: 50, seed: 7).files(), b = RepositoryGenerator(caseCount: 50, seed: 7).files()
        #expect(a.map(\.content) == b.map(\.content))
        #expect(a.map(\.content) != RepositoryGenerator(caseCount: 50, seed: 8).files().map(\.content))
    }
}
