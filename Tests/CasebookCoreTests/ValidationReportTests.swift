import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct ValidationReportTests {
    static let files = [
        "casebook.yaml": "project: { key: SHOP, name: Shop }\n",
        "cases/web/a.yaml": "id: SHOP-1\ntitle: \"Say \\\"hi\\\"\"\npriority: hgh\nsteps:\n  - action: Open\n",
        "cases/web/b.yaml": "id: SHOP-2\ntitle: Fine\nautomation: { status: automated }\nsteps:\n  - action: Open\n",
        "notes.txt": "stray\n",
    ]

    private func report(prefix: String = "") throws -> ValidationReport {
        let tree = MemoryTree(Self.files)
        return ValidationReport(snapshot: try Snapshot.load(from: tree), pathPrefix: prefix) { file in
            Self.files[file].map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        }
    }

    @Test func jsonIsExactlyTheDocumentedShape() throws {
        let json = try report(prefix: "ignored/").render(.json)
        #expect(
            json == """
                {"findings":[{"rule":"case.priority","severity":"error","file":"cases/web/a.yaml","line":3,"column":11,"message":"unknown priority 'hgh' (did you mean 'high'?) (allowed: critical, high, medium, low)"},\
                {"rule":"case.automation-ref","severity":"warning","file":"cases/web/b.yaml","line":3,"column":13,"message":"an automated case should name its test in automation.ref, so results can be imported"},\
                {"rule":"file.unknown","severity":"warning","file":"notes.txt","line":1,"column":1,"message":"casebook does not read this file; cases go in cases/, shared steps in shared-steps/, plans in plans/ (as .yaml)"}],\
                "summary":{"files":3,"cases":2,"plans":0,"errors":1,"warnings":2}}

                """)
    }

    @Test func textShowsTheLineAndACaret() throws {
        let text = try report(prefix: "repo/").render(.text)
        #expect(
            text.hasPrefix(
                """
                repo/cases/web/a.yaml:3:11: error: unknown priority 'hgh' (did you mean 'high'?) (allowed: critical, high, medium, low) [case.priority]
                    priority: hgh
                              ^

                """))
        #expect(text.hasSuffix("3 files, 2 cases, 0 plans: 1 error, 2 warnings\n"))
    }

    @Test func githubAnnotations() throws {
        let lines = try report(prefix: "sample-repo/").render(.github).split(separator: "\n")
        #expect(lines[0] == "::error file=sample-repo/cases/web/a.yaml,line=3,col=11,title=case.priority::unknown priority 'hgh' (did you mean 'high'?) (allowed: critical, high, medium, low)")
        #expect(lines[1].hasPrefix("::warning file=sample-repo/cases/web/b.yaml,line=3,col=13,title=case.automation-ref::"))
    }

    @Test func sarifIsValidJSONWithRulesAndResults() throws {
        let data = Data(try report().render(.sarif).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == Rule.allCases.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["case.priority", "case.automation-ref", "file.unknown"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "warning"])
        let index = try #require(results[0]["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "case.priority")
    }

    @Test func junitHasOneTestCasePerFile() throws {
        let xml = try report().render(.junit)
        let document = try XMLDocument(xmlString: xml)
        let testcases = try document.nodes(forXPath: "//testcase")
        #expect(testcases.count == 4)
        #expect(try document.nodes(forXPath: "//testcase/failure").count == 1)
        #expect(try document.nodes(forXPath: "//testsuite/@failures").first?.stringValue == "1")
        #expect(xml.contains("name=\"cases/web/a.yaml\""))
    }

    @Test func codeClimateIssuesForGitLab() throws {
        let data = Data(try report(prefix: "sample-repo/").render(.codeclimate).utf8)
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.map { $0["check_name"] as? String } == ["case.priority", "case.automation-ref", "file.unknown"])
        #expect(issues.map { $0["severity"] as? String } == ["major", "minor", "minor"])
        let location = try #require(issues[0]["location"] as? [String: Any])
        #expect(location["path"] as? String == "sample-repo/cases/web/a.yaml")
        #expect((location["lines"] as? [String: Any])?["begin"] as? Int == 3)
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 3 && fingerprints.allSatisfy { $0.count == 32 })

        // The fingerprint follows the finding, not its line: a line added above keeps it.
        var moved = Self.files
        moved["cases/web/a.yaml"] = "# a comment\n" + (moved["cases/web/a.yaml"] ?? "")
        let again = ValidationReport(snapshot: try Snapshot.load(from: MemoryTree(moved))).render(.codeclimate)
        #expect(again.contains(fingerprints[0]))
        #expect(again.contains(#""begin":4"#))
    }

    @Test func strictFailsOnWarnings() throws {
        let files = ["casebook.yaml": "project: { key: S, name: S }\n", "notes.txt": "x"]
        let report = ValidationReport(snapshot: try Snapshot.load(from: MemoryTree(files)))
        #expect(!report.failed(strict: false))
        #expect(report.failed(strict: true))
    }
}
