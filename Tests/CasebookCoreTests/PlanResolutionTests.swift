import CasebookCore
import CasebookTestSupport
import Testing

@Suite struct PlanResolutionTests {
    static let files = [
        "casebook.yaml": "project: { key: S, name: S }\ndevices: [{ id: d1 }, { id: d2 }]\n",
        "cases/a/one.yaml": "id: S-1\ntitle: One\npriority: high\ntags: [smoke]\nsteps: [{ action: A }]\n",
        "cases/a/b/two.yaml": "id: S-2\ntitle: Two\npriority: low\ntags: [smoke, slow]\nsteps: [{ action: A }]\n",
        "cases/c/three.yaml": "id: S-3\ntitle: Three\npriority: critical\nsteps: [{ action: A }]\n",
        "cases/c/four.yaml": "id: S-4\ntitle: Four\npriority: high\ntags: [smoke]\nsteps: [{ action: A }]\n",
    ]

    private func resolve(_ plan: String) throws -> ResolvedPlan {
        let snapshot = try Snapshot.load(from: MemoryTree(Self.files.merging(["plans/p.yaml": "id: P\ntitle: P\n" + plan]) { $1 }))
        #expect(snapshot.findings.isEmpty)
        return try #require(snapshot.resolvedPlans["P"])
    }

    @Test func matrixIsCasesInIncludeOrderTimesDevices() throws {
        let plan = try resolve("devices: [d2, d1]\ninclude:\n  - case: S-3\n  - group: a\n")
        #expect(plan.caseIDs == ["S-3", "S-2", "S-1"])
        #expect(plan.entries.prefix(2) == [.init(caseID: "S-3", device: "d2"), .init(caseID: "S-3", device: "d1")])
        #expect(plan.entries.count == 6)
    }

    @Test func groupsAreRecursiveAndSelectorsCombine() throws {
        #expect(try resolve("include:\n  - group: a\n").caseIDs == ["S-2", "S-1"])
        #expect(try resolve("include:\n  - group: a\n    priority: [high]\n").caseIDs == ["S-1"])
        #expect(try resolve("include:\n  - tags: [smoke, slow]\n").caseIDs == ["S-2"])
        #expect(try resolve("include:\n  - priority: [critical, high]\n").caseIDs == ["S-1", "S-4", "S-3"])
    }

    /// Selectors are filed by one criterion each (case, group, tag, priority); a case still goes
    /// to the first selector it meets, whichever criterion that one was filed by.
    @Test func eachCaseGoesToTheFirstSelectorItMeets() throws {
        let plan = try resolve("include:\n  - priority: [high]\n  - tags: [smoke]\n  - case: S-2\n  - group: a/b\n  - group: c\n")
        #expect(plan.caseIDs == ["S-1", "S-4", "S-2", "S-3"])
        let excluded = try resolve("include:\n  - group: c\nexclude:\n  - case: S-1\n  - priority: [critical]\n")
        #expect(excluded.caseIDs == ["S-4"])
    }

    @Test func excludeRemovesAndDuplicatesCollapse() throws {
        let plan = try resolve("include:\n  - tags: [smoke]\n  - case: S-1\nexclude:\n  - tags: slow\n")
        #expect(plan.caseIDs == ["S-1", "S-4"])
        #expect(plan.entries == [.init(caseID: "S-1", device: nil), .init(caseID: "S-4", device: nil)])
    }

    /// Cases are matched in slices of a couple of thousand, across cores: the matrix keeps path
    /// order within each selector and the first of two cases with one id, across slices too.
    @Test func manyCasesKeepIncludeAndPathOrder() throws {
        var files = ["casebook.yaml": "project: { key: S, name: S }\n"]
        for number in 0..<5000 {
            // A second case with id S-6, in the same group as the first and two slices after it.
            let id = number == 4320 ? 6 : number
            let tags = number % 2 == 0 ? "[even]" : "[odd]"
            files["cases/g\(number % 3)/c\(100_000 + number).yaml"] = "id: S-\(id)\ntitle: Case \(number)\ntags: \(tags)\nsteps: [{ action: A }]\n"
        }
        files["plans/p.yaml"] = "id: P\ntitle: P\ninclude:\n  - tags: [odd]\n  - group: g1\nexclude:\n  - group: g2\n    tags: [even]\n"
        files["plans/q.yaml"] = "id: Q\ntitle: Q\ninclude:\n  - group: g0\n"
        let snapshot = try Snapshot.load(from: MemoryTree(files))
        let cases = Array(snapshot.cases)
        func ids(_ include: [(TestCase) -> Bool], except exclude: (TestCase) -> Bool = { _ in false }) -> [String] {
            var seen: Set<String> = [], ids: [String] = []
            for selector in include {
                for testCase in cases where selector(testCase) && !exclude(testCase) && seen.insert(testCase.id).inserted { ids.append(testCase.id) }
            }
            return ids
        }
        let p = try #require(snapshot.resolvedPlans["P"]), q = try #require(snapshot.resolvedPlans["Q"])
        #expect(p.caseIDs == ids([{ $0.tags == ["odd"] }, { $0.group == "g1" }], except: { $0.group == "g2" && $0.tags == ["even"] }))
        #expect(q.caseIDs == ids([{ $0.group == "g0" }]))
        #expect(q.caseIDs.filter { $0 == "S-6" }.count == 1)
        #expect(p.caseIDs.count > 2500)
    }
}

@Suite struct OutlineTests {
    @Test func outlineListsGroupsCasesAndPlanSizes() throws {
        let files = PlanResolutionTests.files.merging(["plans/p.yaml": "id: P\ntitle: Smoke\ndevices: [d1, d2]\ninclude:\n  - tags: smoke\n"]) { $1 }
        let outline = try Snapshot.load(from: MemoryTree(files)).outline()
        #expect(outline.hasPrefix("S (S): 4 cases in 3 groups, 1 plans, 2 devices\n"))
        #expect(outline.contains("\n  a — a (2)\n    S-1  [high]  One\n\n    a/b — b (1)\n      S-2  [low]  Two\n"))
        #expect(outline.hasSuffix("plans\n  P  Smoke: 3 cases × d1, d2 = 6 executions\n"))
    }
}

@Suite struct GroupTreeTests {
    @Test func subgroupsAndRecursiveCounts() throws {
        let snapshot = try Snapshot.load(from: MemoryTree(PlanResolutionTests.files))
        #expect(snapshot.subgroups(of: nil).map(\.id) == ["a", "c"])
        #expect(snapshot.subgroups(of: "a").map(\.id) == ["a/b"])
        #expect(snapshot.subgroups(of: "a/b").isEmpty)
        #expect(snapshot.caseCount(inGroup: "a") == 2)
        #expect(snapshot.caseCount(inGroup: "a/b") == 1)
        #expect(snapshot.caseCount(inGroup: "c") == 2)
        #expect(snapshot.caseCount(inGroup: "missing") == 0)
    }
}

@Suite struct LineageTests {
    @Test func lineageWalksUpTheFolders() {
        #expect(CaseGroup.lineage(of: "a/b/c") == ["a/b/c", "a/b", "a"])
        #expect(CaseGroup.lineage(of: "a") == ["a"])
        #expect(CaseGroup.lineage(of: "").isEmpty)
    }
}
