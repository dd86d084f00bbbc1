import CasebookYAML

/// One test case: one file under `cases/`.
package struct TestCase: Sendable {
    /// Stable for ever, like `SHOP-101`.
    package var id: String
    package var title: String
    package var priority: String
    package var type: String
    package var automation: Automation
    package var tags: [String]
    package var owner: String?
    /// The estimate in seconds.
    package var estimate: Int?
    package var preconditions: String?
    package var steps: [Step]
    package var requirements: [String]
    package var links: [String]
    package var fields: [String: FieldValue]
    /// The file, relative to the case repository root.
    package var path: String
    /// The group id: the case's folder below `cases/` (empty at the top).
    package var group: String
    /// The git blob id of the file's content.
    package var contentID: String
    /// Where the id was written, for findings about it.
    package var idMark: Mark
}

/// How a case is automated.
package struct Automation: Sendable, Hashable {
    package var status: AutomationStatus
    /// The automated test, like `CheckoutTests.testPaySavedCard`.
    package var ref: String?

    package init(status: AutomationStatus, ref: String? = nil) {
        self.status = status
        self.ref = ref
    }
}

/// Whether a case is automated.
package enum AutomationStatus: String, Sendable, CaseIterable {
    case automated, manual, planned
}

/// One step of a case or shared-step block.
package struct Step: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// Something to do and what should happen; either may be empty, not both.
        case action(action: String, expected: String)
        /// The steps of a shared-step block.
        case use(block: String)
    }

    package var kind: Kind
    package var mark: Mark

    package init(_ kind: Kind, at mark: Mark) {
        self.kind = kind
        self.mark = mark
    }
}

/// A reusable block of steps from `shared-steps/`.
package struct SharedStepBlock: Sendable {
    package var id: String
    package var title: String
    package var steps: [Step]
    package var path: String
    package var idMark: Mark
}

/// A folder below `cases/`, with the metadata of its optional `group.yaml`.
package struct CaseGroup: Sendable, Hashable {
    /// The folder path below `cases/`, like `checkout/refunds`.
    package var id: String
    package var title: String
    package var description: String?
    package var owner: String?

    /// The group that holds this one, `nil` for a top-level group.
    package var parent: String? {
        guard let slash = id.lastIndex(of: "/") else { return nil }
        return String(id[..<slash])
    }

    /// `group` and every group above it, innermost first (`a/b/c`, `a/b`, `a`); none for "".
    package static func lineage(of group: String) -> [String] {
        var lineage: [String] = []
        var path = Substring(group)
        while !path.isEmpty {
            lineage.append(String(path))
            path = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
        }
        return lineage
    }
}
