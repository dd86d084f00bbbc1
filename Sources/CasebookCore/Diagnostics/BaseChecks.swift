/// The checks that need the branch a change goes into (`casebook validate --base`): mistakes
/// that each side alone does not show.
package struct BaseChecks {
    /// The target branch as it is now.
    package let base: Snapshot
    package let head: Snapshot
    /// Where the head's branch forked off the base (`nil`: unknown, the base stands in).
    package let forkPoint: Snapshot?
    /// The base as the user named it, for messages.
    package let baseName: String

    package init(base: Snapshot, head: Snapshot, forkPoint: Snapshot?, baseName: String) {
        self.base = base
        self.head = head
        self.forkPoint = forkPoint
        self.baseName = baseName
    }

    /// Findings for new cases whose id the base already gave another case, and for existing
    /// case files whose id was changed.
    package var findings: [Finding] {
        var findings: [Finding] = []
        let before = forkPoint ?? base
        var headIDs: Set<String> = []
        for testCase in head.cases where headIDs.insert(testCase.id).inserted {
            // New on this branch, yet the base has it: another branch took the same id meanwhile.
            guard before.testCase(testCase.id) == nil, let other = base.testCase(testCase.id) else { continue }
            findings.append(
                Finding(
                    .baseIDTaken, file: testCase.path, at: testCase.idMark,
                    "\(baseName) already gives id '\(testCase.id)' to another case, '\(other.title)' (\(other.path)); give this case a free id (casebook new case picks one)"
                ))
        }
        var basePaths: [String: TestCase] = [:]
        for testCase in base.cases { basePaths[testCase.path] = testCase }
        for testCase in head.cases {
            guard let old = basePaths[testCase.path], old.id != testCase.id, !headIDs.contains(old.id) else { continue }
            findings.append(
                Finding(
                    .baseIDChanged, file: testCase.path, at: testCase.idMark,
                    "this file is case '\(old.id)' on \(baseName); a new id orphans its history, results and comments: keep '\(old.id)' and add a new file for a new case"
                ))
        }
        return findings
    }

    /// Cases of the base that the head no longer has.
    package var removedCases: [TestCase] {
        base.cases.filter { head.testCase($0.id) == nil }
    }

    /// A warning for each removed case that still has results or comments (counted by id).
    package func removedWithHistory(results: [String: Int], comments: [String: Int]) -> [Finding] {
        removedCases.compactMap { testCase in
            let resultCount = results[testCase.id] ?? 0, commentCount = comments[testCase.id] ?? 0
            guard resultCount + commentCount > 0 else { return nil }
            return Finding(
                .baseRemovedWithHistory, file: testCase.path, at: .start,
                "removing case '\(testCase.id)' leaves \(resultCount) result\(resultCount == 1 ? "" : "s") and \(commentCount) comment\(commentCount == 1 ? "" : "s") in the database without a case; keep the case (tag it retired and exclude it from plans) if they still matter"
            )
        }
    }
}
