import CasebookYAML

/// A test plan: which cases to run, on which devices.
package struct Plan: Sendable {
    package var id: String
    package var title: String
    package var description: String?
    package var owner: String?
    package var milestone: String?
    /// The device ids of the matrix; empty means one execution per case with no device.
    package var devices: [Located<String>]
    package var include: [Selector]
    package var exclude: [Selector]
    package var path: String
    package var idMark: Mark
}

/// One `include` or `exclude` item: a case matches when it meets every criterion given.
package struct Selector: Sendable, Hashable {
    package var caseID: Located<String>?
    /// A group id; matches the group and every group below it.
    package var group: Located<String>?
    /// The case must carry all of these tags.
    package var tags: [Located<String>] = []
    /// The case's priority must be one of these.
    package var priorities: [Located<String>] = []
    package var mark: Mark

    /// The keys a selector item may use.
    package static let keys = ["case", "group", "tags", "priority"]

    package init(at mark: Mark) {
        self.mark = mark
    }

    /// The selector as one line, like `group: checkout, tags: [smoke]`.
    package var summary: String {
        var parts: [String] = []
        if let caseID { parts.append("case: " + caseID.value) }
        if let group { parts.append("group: " + group.value) }
        if !tags.isEmpty { parts.append("tags: [" + tags.map(\.value).joined(separator: ", ") + "]") }
        if !priorities.isEmpty { parts.append("priority: [" + priorities.map(\.value).joined(separator: ", ") + "]") }
        return parts.joined(separator: ", ")
    }

    /// Whether `testCase` meets every criterion.
    package func matches(_ testCase: TestCase) -> Bool {
        if let caseID, caseID.value != testCase.id { return false }
        if let group, !CaseGroup.isGroup(testCase.group, within: group.value) { return false }
        if !tags.allSatisfy({ testCase.tags.contains($0.value) }) { return false }
        if !priorities.isEmpty, !priorities.contains(where: { $0.value == testCase.priority }) { return false }
        return true
    }
}

/// A plan resolved against a snapshot: the ordered (case, device) pairs to execute.
package struct ResolvedPlan: Sendable {
    /// One execution: a case on a device (`nil` when the plan names no devices).
    package struct Entry: Sendable, Hashable {
        package var caseID: String
        package var device: String?

        package init(caseID: String, device: String?) {
            self.caseID = caseID
            self.device = device
        }
    }

    package var planID: String
    /// The selected case ids, in plan order.
    package var caseIDs: [String]
    /// The plan's devices that exist, in plan order: the matrix's columns (none: one column without a device).
    package var devices: [String]
    /// What resolving found: selectors that match nothing, unknown devices, a plan that selects no case.
    package var findings: [Finding]
    /// Where the cases each include selector brings in end in `caseIDs`: those it is the first
    /// to match (the excluded ones left out), in path order. What a derived snapshot updates.
    var segmentEnds: [Int]

    /// A plan that selects nothing.
    package static let empty = ResolvedPlan(planID: "", caseIDs: [], devices: [], findings: [], segmentEnds: [])

    /// The matrix: each selected case on every column, in plan order.
    package var entries: [Entry] {
        let columns = self.columns
        return caseIDs.flatMap { id in columns.map { Entry(caseID: id, device: $0) } }
    }

    /// The device of each column of the matrix: one `nil` column when the plan has no devices.
    package var columns: [String?] {
        devices.isEmpty ? [nil] : devices
    }
}
