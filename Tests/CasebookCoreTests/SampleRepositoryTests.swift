import CasebookCore
import CasebookTestSupport
import Testing

/// `sample-repo/` is what a new user sees first: it must be realistic and validate clean.
@Suite struct SampleRepositoryTests {
    @Test func validatesCleanAndCoversTheFormat() throws {
        let tree = WorkingTree(root: FixtureFiles.packageRoot() + "/sample-repo")
        let snapshot = try Snapshot.load(from: tree)
        #expect(snapshot.findings.isEmpty, "\(snapshot.findings)")
        #expect(snapshot.cases.count >= 60)
        #expect(snapshot.groups.count >= 8)
        #expect(snapshot.groups.keys.contains { $0.contains("/") })
        #expect(snapshot.settings.devices.count >= 4)
        #expect(snapshot.settings.fields.count >= 2)
        #expect(snapshot.sharedSteps.count >= 2)
        #expect(snapshot.plans.count == 3)
        let selectors = snapshot.plans.flatMap { $0.include + $0.exclude }
        #expect(selectors.contains { $0.caseID != nil })
        #expect(selectors.contains { $0.group != nil })
        #expect(selectors.contains { !$0.tags.isEmpty })
        #expect(selectors.contains { !$0.priorities.isEmpty })
        #expect(snapshot.resolvedPlans.values.allSatisfy { !$0.entries.isEmpty })
    }

    @Test func everyCaseFileNamesItsSchema() throws {
        let root = FixtureFiles.packageRoot() + "/sample-repo"
        for (path, text) in try FixtureFiles.read(root + "/cases") where !path.hasSuffix("group.yaml") {
            let first = text.prefix { $0 != "\n" }
            #expect(first.hasPrefix("# yaml-language-server: $schema=") && first.hasSuffix("schemas/case.schema.json"), "\(path)")
        }
    }
}
