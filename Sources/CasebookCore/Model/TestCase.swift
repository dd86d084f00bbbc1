import CasebookYAML

/// One test case: one file under `cases/`. A class, not a struct: a snapshot of 100,000 cases
/// copies and shares cases between its index, the parse cache and query results, and a class
/// instance is one reference to count where a struct of this many fields is a dozen.
package final class TestCase: Sendable {
    /// Stable for ever, like `SHOP-101`.
    package let id: String
    package let title: String
    package let priority: String
    package let type: String
    package let automation: Automation
    package let tags: [String]
    package let owner: String?
    /// The estimate in seconds.
    package let estimate: Int?
    package let preconditions: String?
    package let steps: [Step]
    package let requirements: [String]
    package let links: [String]
    package let fields: [String: FieldValue]
    /// The file, relative to the case repository root.
    package let path: String
    /// The group id: the case's folder below `cases/` (empty at the top).
    package let group: String
    /// The git blob id of the file's content.
    package let contentID: String
    /// Where the id was written, for findings about it.
    package let idMark: Mark
    /// The filtered values in 64 bits, for scanning case lists (see ``CaseSignature``).
    let signature: UInt64

    package init(
        id: String, title: String, priority: String, type: String, automation: Automation, tags: [String], owner: String?, estimate: Int?,
        preconditions: String?, steps: [Step], requirements: [String], links: [String], fields: [String: FieldValue], path: String,
        group: String, contentID: String, idMark: Mark
    ) {
        self.id = id
        self.title = title
        self.priority = priority
        self.type = type
        self.automation = automation
        self.tags = tags
        self.owner = owner
        self.estimate = estimate
        self.preconditions = preconditions
        self.steps = steps
        self.requirements = requirements
        self.links = links
        self.fields = fields
        self.path = path
        self.group = group
        self.contentID = contentID
        self.idMark = idMark
        signature = CaseSignature.of(
            tags: tags, priority: priority, type: type, automation: automation.status, owner: owner, requirements: requirements)
    }
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

    /// Whether `group` is `ancestor` or a group below it (`a/b` is within `a`, `ab` is not).
    package static func isGroup(_ group: String, within ancestor: String) -> Bool {
        let inner = group.utf8, outer = ancestor.utf8
        guard inner.starts(with: outer) else { return false }
        return inner.count == outer.count || inner[inner.index(inner.startIndex, offsetBy: outer.count)] == UInt8(ascii: "/")
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
