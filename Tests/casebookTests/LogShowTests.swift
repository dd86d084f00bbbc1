import CasebookTestSupport
import Foundation
import Testing

/// `casebook log` and `casebook show`: a case's history and the case as a person reads it.
@Suite struct LogShowTests {
    @Test func logFollowsAMoveAndSaysWhatEachCommitChanged() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let result = try CommandLineTests.casebook(["log", "SHOP-3", "--ref", "feature"], in: repo.fixture.path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output == """
                commit \(repo.feature)
                Author: Bea Reviewer <bea.reviewer@example.com>
                Date:   2026-01-01T00:01:00Z

                    Rework checkout and the account cases

                    moved from cases/account/logout.yaml
                    title: Log out{+ everywhere+}

                commit \(repo.forkPoint)
                Author: Ada Tester <ada.tester@example.com>
                Date:   2026-01-01T00:00:00Z

                    Cases for the shop

                    added as cases/account/logout.yaml


                """)
    }

    @Test func logOfAStepEditShowsTheWordDiff() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let result = try CommandLineTests.casebook(["log", "SHOP-1", "--ref", "feature", "--repository", "cases"], in: repo.fixture.path)
        #expect(result.output.contains("    step 2 changed (now 3): expected: The card is selected{+ and its last digits are shown+}\n"))
        #expect(result.output.contains("    priority: high → critical\n"))
    }

    @Test func showExpandsSharedStepsAndReadsAnyRevision() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let result = try CommandLineTests.casebook(["show", "SHOP-2", "--ref", "feature"], in: repo.fixture.path)
        #expect(
            result.output == """
                SHOP-2  Check out when signed in
                cases/checkout/signed-in.yaml · group checkout · medium · functional · manual
                Tags: checkout

                Steps:
                  1.  Open the sign-in page from the header [LOGIN]
                      → The form is shown
                  2.  Submit the test user's credentials [LOGIN]
                      → The dashboard is shown
                  3.  Open the cart
                      → The saved address is filled in

                """)
        let old = try CommandLineTests.casebook(["show", "SHOP-2", "--ref", repo.forkPoint], in: repo.fixture.path)
        #expect(old.output.contains("  1.  Open the sign-in page [LOGIN]\n"))
    }

    @Test func unknownCasesCannotRun() throws {
        let repo = try ReviewFixture()
        defer { repo.fixture.folder.remove() }
        let show = try CommandLineTests.casebook(["show", "SHOP-99"], in: repo.fixture.path)
        #expect(show.status == 2)
        #expect(show.errors == "casebook: error: no case has id 'SHOP-99' at the working tree; check the id (casebook list shows them)\n")
        let log = try CommandLineTests.casebook(["log", "SHOP-99"], in: repo.fixture.path)
        #expect(log.status == 2)
        #expect(log.errors.contains("no case has id 'SHOP-99' at HEAD"))
    }
}
