import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The pages of what the repository holds: the case list's group tree and sorting, groups,
/// shared-step blocks, a plan's matrix, Markdown in text fields, the diff and the ref switcher.
@Suite struct WebProjectPagesTests {

    @Test func theCaseListHasAGroupTreeAndSortableColumns() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/cases?group=checkout/payment")
            // The chosen group is current; its parent's children are open beside it, other groups stay closed.
            #expect(html.contains("href=\"/projects/SHOP/cases?group=checkout/payment\" aria-current=\"page\">Payment</a>"))
            #expect(html.contains(">Refunds</a>") && html.contains(">Checkout</a>") && !html.contains(">Sign-in</a>"))
            #expect(html.contains("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/projects/SHOP/cases?group=checkout/payment&amp;sort=-id\">"))
            let (_, _, sorted) = try await WebPagesTests.page(client, "/projects/SHOP/cases?sort=-title")
            #expect(sorted.contains("aria-sort=\"descending\"><a href=\"/projects/SHOP/cases?sort=title\">Title</a> ▼"))
            let titles = sorted.matches(of: /<td><a href="\/projects\/SHOP\/cases\/SHOP-[0-9]+">SHOP-[0-9]+<\/a><\/td><td>([^<]*)<\/td>/).map {
                String($0.output.1)
            }
            #expect(titles.count > 10 && titles.map { $0.lowercased() } == titles.map { $0.lowercased() }.sorted(by: >))
            #expect(try await WebPagesTests.page(client, "/projects/SHOP/cases?sort=colour").0 == .badRequest)
        }
    }

    @Test func theCaseListDownloadsAsASpreadsheetWithItsFilters() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (_, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/cases?group=checkout&sort=-title&priority=critical")
            let link = "/api/v1/projects/SHOP/cases/export?group=checkout&priority=critical&format=csv"
            #expect(html.contains("<a href=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\" download>csv</a>"), "\(html)")
            let csv = try await client.execute(uri: link, method: .get) { ($0.status, $0.headers, String(buffer: $0.body)) }
            #expect(
                csv.0 == .ok && csv.1[.contentType] == "text/csv; charset=utf-8" && csv.1[.contentDisposition]?.contains("SHOP-cases.csv") == true)
            let rows = csv.2.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
            #expect(
                rows.first?.hasPrefix("ID,Title,Group,Priority,Type,Automation,Owner,Tags,Requirements,Estimate,Preconditions,Steps,Expected Result")
                    == true)
            #expect(rows.count > 1 && rows.dropFirst().allSatisfy { $0.contains(",checkout") && $0.contains(",critical,") })
            let workbook = try await client.execute(uri: "/api/v1/projects/SHOP/cases/export?format=xlsx", method: .get) {
                ($0.headers, Data(buffer: $0.body))
            }
            #expect(
                workbook.0[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    && workbook.1.starts(with: [0x50, 0x4B, 3, 4]))
            let markdown = try await client.execute(uri: "/api/v1/projects/SHOP/cases/export?format=markdown&tag=smoke", method: .get) {
                String(buffer: $0.body)
            }
            #expect(markdown.hasPrefix("| ID | Title |") && markdown.contains("smoke"))
            let bad = try await client.execute(uri: "/api/v1/projects/SHOP/cases/export?priority=urgent", method: .get) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(bad.0 == .badRequest && bad.1.contains("'urgent' is not a valid priority"))
        }
    }

    @Test func groupsSharedStepBlocksAndAPlansMatrixHaveTheirPages() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let (status, _, group) = try await WebPagesTests.page(client, "/projects/SHOP/groups/checkout/payment")
            #expect(
                status == .ok && group.contains("href=\"/projects/SHOP/cases/SHOP-142\"") && group.contains("href=\"/projects/SHOP/groups/checkout\"")
            )
            let (_, _, block) = try await WebPagesTests.page(client, "/projects/SHOP/shared-steps/CART-WITH-ITEM")
            #expect(block.contains("Tap \"Add to cart\"") && block.contains("href=\"/projects/SHOP/cases/SHOP-142\""))
            let (_, _, plan) = try await WebPagesTests.page(client, "/projects/SHOP/plans/PLAN-SMOKE")
            #expect(plan.contains("<th scope=\"col\">chrome-desktop</th><th scope=\"col\">pixel-8</th><th scope=\"col\">iphone-15</th>"))
            #expect(plan.contains("<span aria-label=\"planned\">●</span>") && plan.contains("<tfoot><tr><th scope=\"row\">Executions</th><td>"))
            for missing in ["/projects/SHOP/groups/nowhere", "/projects/SHOP/shared-steps/NOPE", "/projects/SHOP/plans/PLAN-NOPE"] {
                #expect(try await WebPagesTests.page(client, missing).0 == .notFound, "\(missing)")
            }
        }
    }

    /// Text fields are Markdown; raw HTML in them, and in comments and commit messages, is text.
    @Test func textFieldsAreMarkdownAndRawHTMLStaysText() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.write([
            "shop/cases/checkout/markdown.yaml": """
            id: SHOP-700
            title: Markdown case
            preconditions: "A **bold** word, <script>alert(1)</script>, [bad](javascript:alert(2)), [quote](x\\" onclick=\\"alert(3)) and [docs](https://example.com/a?b=1&c=2)"
            steps:
              - action: "Open `<settings>`"
                expected: "- one\\n- two"

            """
        ])
        _ = try repo.fixture.commit("<img src=x onerror=alert(4)> in a commit message")
        try await repo.test { client in
            let token = try await client.login("tim")
            let comment = #"{"body":"Looks *fine* <iframe src=\"https://evil.example.net\"></iframe>"}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/cases/SHOP-700/comments", token: token, json: comment).0 == .created)
            let (_, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/cases/SHOP-700")
            #expect(html.contains("<strong>bold</strong>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("href=\"javascript") && !html.contains("onclick=\"alert") && !html.contains("<script>alert"))
            #expect(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">docs</a>"))
            #expect(html.contains("<code>&lt;settings&gt;</code>") && html.contains("<li>one</li>"))
            #expect(html.contains("<em>fine</em>") && html.contains("&lt;iframe") && !html.contains("<iframe"))
            #expect(html.contains("&lt;img src=x onerror=alert(4)&gt;") && !html.contains("<img src=x"))
        }
    }

    /// The diff page: the last commit by default, word changes marked as deletions and insertions.
    @Test func theDiffPageShowsTheLastChangeWithWordDiffs() async throws {
        let repo = try await ServedRepository()
        let path = "shop/cases/checkout/payment/3ds-challenge.yaml"
        let original = try String(contentsOfFile: repo.fixture.path + "/" + path, encoding: .utf8)
        try repo.fixture.write([
            path: original.replacingOccurrences(of: "title: 3-D Secure challenge succeeds", with: "title: 3-D Secure challenge passes")
        ])
        let head = try repo.fixture.commit("Retitle SHOP-142")
        try await repo.test { client in
            let (status, _, html) = try await WebPagesTests.page(client, "/projects/SHOP/diff")
            #expect(status == .ok && html.contains("<summary><strong>SHOP-142</strong> 3-D Secure challenge passes — modified</summary>"))
            #expect(html.contains("<del>succeeds</del>") && html.contains("<ins>passes</ins>"))
            #expect(html.contains("name=\"base\" value=\"\(repo.first.prefix(12))\"") && html.contains(String(head.prefix(12))))
            // The case's history says what each commit changed in it.
            let (_, _, history) = try await WebPagesTests.page(client, "/projects/SHOP/cases/SHOP-142")
            #expect(history.contains("modified — Retitle SHOP-142") && history.contains("<del>succeeds</del><ins>passes</ins>"))
            let (_, _, same) = try await WebPagesTests.page(client, "/projects/SHOP/diff?base=main&head=main")
            #expect(same.contains("No changes to cases, groups, shared steps or plans."))
            #expect(try await WebPagesTests.page(client, "/projects/SHOP/diff?base=no-such-branch").0 == .notFound)
        }
    }

    /// Any page at another ref: the switcher keeps the page and its filters, and the page says
    /// which ref it shows.
    @Test func theRefSwitcherKeepsThePage() async throws {
        let repo = try await ServedRepository()
        try repo.fixture.git("tag", "v1")
        try repo.fixture.write(["shop/cases/checkout/new.yaml": "id: SHOP-701\ntitle: Zebra crossing\nsteps: [{ action: A }]\n"])
        _ = try repo.fixture.commit("Add SHOP-701")
        try await repo.test { client in
            let (_, _, list) = try await WebPagesTests.page(client, "/projects/SHOP/cases?tag=smoke")
            #expect(list.contains("<form class=\"refs\" method=\"get\" action=\"/projects/SHOP/cases\">"))
            #expect(list.contains("<input type=\"hidden\" name=\"tag\" value=\"smoke\">"))
            #expect(list.contains("<option value=\"main\">") && list.contains("<option value=\"v1\">"))
            let (_, _, old) = try await WebPagesTests.page(client, "/projects/SHOP/cases?ref=v1&q=zebra")
            #expect(old.contains("Shown at <strong>v1</strong>") && old.contains("No case matches."))
            let (_, _, now) = try await WebPagesTests.page(client, "/projects/SHOP/cases?q=zebra")
            #expect(now.contains("SHOP-701"))
            #expect(try await WebPagesTests.page(client, "/projects/SHOP/cases/SHOP-701?ref=v1").0 == .notFound)
        }
    }
}
