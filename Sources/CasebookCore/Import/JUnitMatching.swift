/// JUnit test cases mapped to the cases of a run: by a `casebook.id` property, by the case's
/// `automation.ref` (`classname.name` or `name`, where a ref may leave out leading package or
/// module names: `AuthTests.testLogin` matches `com.shop.AuthTests.testLogin`), or by a case
/// id written in the test's name (`test_login[SHOP-101]`).
package struct JUnitMatching: Sendable {
    /// The result one case gets: several tests of one case (parameterised ones) combine, a failure winning.
    package struct Match: Sendable, Equatable {
        package var caseID: String
        package var tests: [String]
        package var outcome: JUnitReport.TestCase.Outcome
        package var duration: Double?
        package var notes: String?
    }

    /// One result per matched case, in the order of their first test.
    package var matches: [Match]
    /// Tests that match no case of the run (`classname.name`).
    package var unmatched: [String]

    /// Matches `report` to the cases `caseIDs` (those of the run) of `snapshot`.
    package init(_ report: JUnitReport, caseIDs: [String], snapshot: Snapshot) {
        let inRun = Set(caseIDs)
        var byRef: [String: String] = [:]
        for id in caseIDs {
            if let ref = snapshot.testCase(id)?.automation.ref, byRef[ref] == nil { byRef[ref] = id }
        }
        var order: [String] = []
        var found: [String: Match] = [:]
        var unmatched: [String] = []
        for test in report.testCases {
            guard let caseID = Self.caseID(of: test, inRun: inRun, byRef: byRef) else {
                unmatched.append(test.qualifiedName)
                continue
            }
            if var match = found[caseID] {
                match.tests.append(test.qualifiedName)
                if test.outcome == .failed || (test.outcome == .passed && match.outcome == .skipped) { match.outcome = test.outcome }
                match.duration = test.time.map { $0 + (match.duration ?? 0) } ?? match.duration
                match.notes = [match.notes, test.message].compactMap { $0 }.joined(separator: "\n\n").nilIfEmpty
                found[caseID] = match
            } else {
                order.append(caseID)
                found[caseID] = Match(caseID: caseID, tests: [test.qualifiedName], outcome: test.outcome, duration: test.time, notes: test.message)
            }
        }
        matches = order.compactMap { found[$0] }
        self.unmatched = unmatched
    }

    private static func caseID(of test: JUnitReport.TestCase, inRun: Set<String>, byRef: [String: String]) -> String? {
        if let id = test.properties["casebook.id"], inRun.contains(id) { return id }
        let bare = test.name.hasSuffix("()") ? String(test.name.dropLast(2)) : test.name
        for name in [test.qualifiedName, test.classname.isEmpty ? bare : test.classname + "." + bare] {
            // The whole name, then without its leading package names, one at a time.
            var candidate = Substring(name)
            while true {
                if let id = byRef[String(candidate)] { return id }
                guard let dot = candidate.firstIndex(of: ".") else { break }
                candidate = candidate[candidate.index(after: dot)...]
            }
        }
        let tokens = test.name.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        return tokens.lazy.map(String.init).first(where: inRun.contains)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
