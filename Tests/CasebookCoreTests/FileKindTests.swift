import Testing

@testable import CasebookCore

@Suite struct FileKindTests {
    @Test func everyPathGetsItsKindByItsFolderAndName() {
        #expect(FileKind(path: "casebook.yaml") == .settings)
        #expect(FileKind(path: "README.md") == .skipped)
        #expect(FileKind(path: "LICENSE") == .skipped)
        #expect(FileKind(path: "cases/checkout/payment/SHOP-1.yaml") == .testCase(group: "checkout/payment"))
        #expect(FileKind(path: "cases/SHOP-2.yaml") == .testCase(group: ""))
        #expect(FileKind(path: "cases/checkout/group.yaml") == .group("checkout"))
        #expect(FileKind(path: "cases/notes.md") == .skipped)
        #expect(FileKind(path: "shared-steps/login.yaml") == .sharedSteps)
        #expect(FileKind(path: "plans/release.yaml") == .plan)
        #expect(FileKind(path: "cases/web/new.yml") == .misplaced(.fileExtension, "casebook reads only .yaml files; rename it to new.yaml"))
        let unknown = FileKind.misplaced(
            .fileUnknown, "casebook does not read this file; cases go in cases/, shared steps in shared-steps/, plans in plans/ (as .yaml)")
        for path in ["cases/group.yaml", "docs/notes.txt", "casebook.yml", "other/a.yaml", "cases/a.txt", "", "cases", "yaml", "Cases/a.yaml"] {
            #expect(FileKind(path: path) == unknown, "\(path)")
        }
        #expect(FileKind(path: "cases/ünïcode/ä.yaml") == .testCase(group: "ünïcode"))
    }
}
