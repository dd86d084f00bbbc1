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
        #expect(
            lines[0]
                == "::error file=sample-repo/cases/web/a.yaml,line=3,col=11,title=case.priority::unknown priority 'hgh' (did you mean 'high'?) (allowed: critical, high, medium, low)"
        )
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
        var report = ValidationReport(snapshot: try Snapshot.load(from: MemoryTree(files)))
        #expect(!report.failed && !report.render(.junit).contains("<failure"))
        report.strict = true
        #expect(report.failed)
        #expect(report.render(.junit).contains("<failure message=\"casebook does not read this file"), "the report fails what the exit status fails")
    }

    /// Files whose names and values hold what the formats must escape: a space, non-ASCII
    /// letters, a `:` in a root file's name, control characters and a line break in values.
    static let hostile = [
        "casebook.yaml": "project: { key: SHOP, name: Shop }\n",
        "cases/ünï group/a b.yaml": "id: SHOP-1\ntitle: A\npriority: \"a\\x01b\\u001B[31m\"\nsteps:\n  - action: Open\n",
        "cases/web/two.yaml": "id: SHOP-2\ntitle: \"T\"\ntype: \"x\\ny\"\nsteps:\n  - action: Open\n",
        "notes:x.txt": "stray\n",
    ]

    private func hostileReport() throws -> ValidationReport {
        var report = ValidationReport(snapshot: try Snapshot.load(from: MemoryTree(Self.hostile)))
        report.root = "/work/my repo"
        return report
    }

    /// What the OASIS SARIF 2.1.0 schema requires of the fields casebook writes.
    @Test func sarifHoldsToTheSchema() throws {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(try hostileReport().render(.sarif).utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "casebook")
        for rule in driver["rules"] as? [[String: Any]] ?? [] {
            #expect(rule["id"] is String && ((rule["shortDescription"] as? [String: Any])?["text"] is String))
            #expect(["none", "note", "warning", "error"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? ""))
        }
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let base = try #require(((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String)
        #expect(base == "file:///work/my%20repo/", "an absolute URI ending in /")
        // RFC 3986: a relative reference of unreserved characters, / and %XX, whose first segment holds no ':'.
        let reference = try Regex("^(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+$")
        var uris: [String] = []
        for result in run["results"] as? [[String: Any]] ?? [] {
            #expect(result["ruleId"] is String && (result["message"] as? [String: Any])?["text"] is String)
            #expect(["none", "note", "warning", "error"].contains(result["level"] as? String ?? ""))
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(try reference.wholeMatch(in: uri) != nil && artifact["uriBaseId"] as? String == "%SRCROOT%", "\(uri)")
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1 && (region["startColumn"] as? Int ?? 0) >= 1)
            uris.append(uri)
        }
        #expect(Set(uris) == ["cases/%C3%BCn%C3%AF%20group/a%20b.yaml", "cases/web/two.yaml", "notes%3Ax.txt"])
    }

    /// Elements, attributes and required attributes of Jenkins' xUnit plugin's junit-10.xsd.
    static let junitSchema: [String: (allowed: Set<String>, required: Set<String>, children: Set<String>)] = [
        "testsuites": (["name", "time", "tests", "failures", "errors"], [], ["testsuite"]),
        "testsuite": (
            ["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"],
            ["name", "tests", "failures", "errors"], ["testsuite", "properties", "testcase", "system-out", "system-err"]
        ),
        "testcase": (["name", "time", "classname", "group"], ["name"], ["skipped", "error", "failure", "system-out", "system-err"]),
        "failure": (["type", "message"], [], []), "error": (["type", "message"], [], []), "skipped": (["type", "message"], [], []),
        "system-out": ([], [], []), "system-err": ([], [], []),
    ]

    @Test func junitIsWellFormedAndHoldsToJunit10() throws {
        var report = try hostileReport()
        report.strict = true
        let xml = report.render(.junit)
        let document = try XMLDocument(xmlString: xml)
        func check(_ element: XMLElement) {
            let name = element.name ?? ""
            guard let rules = Self.junitSchema[name] else {
                Issue.record("<\(name)> is not in junit-10.xsd")
                return
            }
            let attributes = Set((element.attributes ?? []).compactMap(\.name))
            #expect(attributes.isSubset(of: rules.allowed) && rules.required.isSubset(of: attributes), "<\(name)> \(attributes)")
            for child in element.children?.compactMap({ $0 as? XMLElement }) ?? [] {
                #expect(rules.children.contains(child.name ?? ""), "<\(child.name ?? "")> in <\(name)>")
                check(child)
            }
        }
        check(try #require(document.rootElement()))
        let failures = try document.nodes(forXPath: "//failure/@message").compactMap(\.stringValue)
        #expect(failures.contains { $0.contains("a\\u{1}b\\u{1B}[31m") }, "a control character is written out: \(failures)")
        #expect(failures.contains { $0.contains("x\ny") }, "a line break in an attribute survives as one: \(failures)")
        #expect(try document.nodes(forXPath: "//testcase").count == 4 && xml.contains("failures=\"3\""), "with --strict, warnings fail their files")
    }

    @Test func codeClimateAndGitHubKeepTheLogSafe() throws {
        let report = try hostileReport()
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.codeclimate).utf8)) as? [[String: Any]])
        for issue in issues {
            let lines = try #require((issue["location"] as? [String: Any])?["lines"] as? [String: Any])
            #expect(lines["begin"] as? Int != nil && lines["end"] as? Int == lines["begin"] as? Int)
            let description = try #require(issue["description"] as? String)
            #expect(!description.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(description)")
        }
        let github = report.render(.github)
        #expect(!github.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(github.contains("'a\\u{1}b\\u{1B}[31m'") && github.contains("x%0Ay"))
        #expect(github.hasSuffix("casebook: 3 files, 2 cases, 0 plans: 2 errors, 1 warning\n"))
    }
}
