import CasebookYAML
import Testing

@testable import CasebookCore

/// The clean-case reader must map exactly as the node tree and ``CaseMapper`` do, and hand every
/// file with something to report to them.
@Suite struct CleanCaseReaderTests {
    static let settings = ProjectSettings(
        key: "SHOP", name: "Shop",
        fields: [
            FieldDeclaration(name: "component", type: .enum, values: ["web", "api", "mobile"], required: true),
            FieldDeclaration(name: "points", type: .integer), FieldDeclaration(name: "estimate-points", type: .integer),
            FieldDeclaration(name: "flaky", type: .boolean), FieldDeclaration(name: "budget", type: .duration),
            FieldDeclaration(name: "spec", type: .url), FieldDeclaration(name: "labels", type: .list),
            FieldDeclaration(name: "notes", type: .text), FieldDeclaration(name: "summary", type: .string),
        ])

    @Test func itsKeysAreTheVocabulary() {
        #expect(Set(CleanCaseReader.CaseKey.allCases.map(\.rawValue)) == Set(Vocabulary.testCase))
        #expect(Set(CleanCaseReader.StepKey.allCases.map(\.rawValue)) == Set(Vocabulary.step))
        #expect(Set(CleanCaseReader.AutomationKey.allCases.map(\.rawValue)) == Set(Vocabulary.automation))
    }

    static let cleanFiles: [String] = [
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\n    expected: Paid\nfields: { component: web }\n",
        """
        \u{FEFF}# a comment
        ---
        'id': "SHOP-2"
        title: >
          Folded
          title
        priority: critical
        type: security
        automation: { status: automated, ref: Tests.testPay }
        tags: [smoke, "checkout"]
        owner: ana
        estimate: 1h 30m
        preconditions: |
          Signed in.
        steps:
          - use: login
          - { action: Open the cart }
          - expected: The total shows
        requirements: [REQ-1, REQ-2]
        links: [https://tracker.example/SHOP-2]
        fields:
          component: api
          points: -3
          flaky: True
          budget: 5m
          spec: https://example.com/spec
          labels: [a, 'b']
          notes: Some notes
          summary: "1"
        ...

        """,
        "id: SHOP-3\ntitle: Planned\nautomation:\n  status: planned\n  ref: T.t\nsteps: [{action: a}]\nfields: {component: mobile, labels: []}\n",
    ]

    @Test(arguments: cleanFiles) func aCleanFileIsMappedAsTheTreeMapsIt(_ text: String) throws {
        let bytes = Array(text.utf8)
        let tree = Self.treeMapped(bytes)
        #expect(tree.findings.map(\.message) == [])
        let clean = try #require(CleanCaseReader.map(bytes, path: "cases/web/x.yaml", group: "web", contentID: "c", settings: Self.settings))
        #expect(Self.same(clean, try #require(tree.testCase)))
    }

    static let declinedFiles: [String] = [
        "id: &a SHOP-1\ntitle: *a\nsteps:\n  - action: Pay\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\nfields: { component: web }\n---\nid: SHOP-2\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\n    action: Again\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\nfields: { component: web, component: api }\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\n",
        "id: SHOP-1\ntitle: Pay\nsteps: []\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: ''\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nautomation: { status: automated }\nsteps:\n  - action: Pay\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nowner:\nsteps:\n  - action: Pay\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\ntags: [a, [b]]\nsteps:\n  - action: Pay\nfields: { component: web }\n",
        "id: SHOP-1\ntitle: Pay\nsteps:\n  - action: Pay\nfields: { component: web }\n  bad: [\n",
    ]

    @Test(arguments: declinedFiles) func aFileWithSomethingToSayOrAnAnchorIsLeftToTheTree(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(CleanCaseReader.map(bytes, path: "cases/web/x.yaml", group: "web", contentID: "c", settings: Self.settings) == nil)
        #expect(!Self.treeMapped(bytes).findings.isEmpty || Self.hasAnchors(bytes))
    }

    /// Over ten thousand mutations of real case files: whenever the reader maps a file, the tree
    /// maps it the same way without a finding; whenever the tree has nothing to report, the
    /// reader maps the file (unless it has anchors, which the reader leaves to the tree).
    @Test func mutatedFilesAreMappedAsTheTreeMapsThem() throws {
        var random = SplitMix64(seed: 7)
        // Half the seeds are clean here, so that many mutations stay clean.
        let clean = Self.cleanFiles.map { Array($0.utf8) }
        let seeds = FuzzTests.seeds + Array(repeating: clean, count: FuzzTests.seeds.count / clean.count).flatMap { $0 }
        var mapped = 0, declined = 0
        for round in 0..<10_000 {
            let input = round < seeds.count ? seeds[round] : FuzzTests.mutate(seeds[random.next(below: seeds.count)], round: round, random: &random)
            let tree = Self.treeMapped(input)
            if let clean = CleanCaseReader.map(input, path: "cases/web/x.yaml", group: "web", contentID: "c", settings: Self.settings) {
                #expect(tree.findings.map(\.message) == [], "round \(round)")
                if let testCase = tree.testCase {
                    #expect(Self.same(clean, testCase), "round \(round)")
                } else {
                    Issue.record("round \(round): the tree mapped nothing")
                }
                mapped += 1
            } else {
                #expect(!tree.findings.isEmpty || Self.hasAnchors(input), "round \(round): \(String(decoding: input, as: UTF8.self))")
                declined += 1
            }
        }
        #expect(mapped > 300 && declined > 1_000, "\(mapped) mapped, \(declined) declined")
    }

    /// How ``ParsedFile`` maps a case file through the node tree.
    static func treeMapped(_ bytes: [UInt8]) -> (testCase: TestCase?, findings: [Finding]) {
        let findings = FileFindings(file: "cases/web/x.yaml")
        guard let root = ParsedFile.node(bytes, findings: findings) else { return (nil, findings.findings) }
        let testCase = CaseMapper.map(root, path: "cases/web/x.yaml", group: "web", contentID: "c", settings: settings, findings: findings)
        return (testCase, findings.findings)
    }

    static func hasAnchors(_ bytes: [UInt8]) -> Bool {
        (try? YAMLEvents.reading(bytes) { events throws(YAMLError) in
            while true {
                let event = try events.next()
                if event.kind == .alias || event.hasAnchor { return true }
                if event.kind == .streamEnd { return false }
            }
        }) ?? false
    }

    static func same(_ a: TestCase, _ b: TestCase) -> Bool {
        a.id == b.id && a.title == b.title && a.priority == b.priority && a.type == b.type && a.automation == b.automation && a.tags == b.tags
            && a.owner == b.owner && a.estimate == b.estimate && a.preconditions == b.preconditions && a.steps == b.steps
            && a.requirements == b.requirements && a.links == b.links && a.fields == b.fields && a.path == b.path && a.group == b.group
            && a.contentID == b.contentID && a.idMark == b.idMark && a.signature == b.signature
    }
}
