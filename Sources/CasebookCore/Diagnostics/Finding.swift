import CasebookYAML

/// One problem found in the case repository, located in a file.
package struct Finding: Sendable, Hashable {
    package var rule: Rule
    /// The path relative to the case repository root, with `/` separators.
    package var file: String
    package var mark: Mark
    /// What is wrong and what to do about it.
    package var message: String

    package var severity: Severity { rule.severity }

    package init(_ rule: Rule, file: String, at mark: Mark, _ message: String) {
        self.rule = rule
        self.file = file
        self.mark = mark
        self.message = message
    }

    /// The order findings are reported in: by file, line, column, then rule.
    package static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        (lhs.file, lhs.mark.line, lhs.mark.column, lhs.rule.rawValue, lhs.message)
            < (rhs.file, rhs.mark.line, rhs.mark.column, rhs.rule.rawValue, rhs.message)
    }
}

/// Collects the findings of one file while it is mapped.
final class FileFindings {
    let file: String
    private(set) var findings: [Finding] = []

    init(file: String) {
        self.file = file
    }

    func report(_ rule: Rule, at mark: Mark, _ message: String) {
        findings.append(Finding(rule, file: file, at: mark, message))
    }
}

extension Sequence<Finding> {
    /// How many of the findings have `severity`.
    package func count(_ severity: Severity) -> Int {
        count { $0.severity == severity }
    }
}
