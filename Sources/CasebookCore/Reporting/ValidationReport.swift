/// The outcome of validating a repository, ready to print in any of the CI formats.
package struct ValidationReport: Sendable {
    /// The output formats of `casebook validate`.
    package enum Format: String, Sendable, CaseIterable {
        case text, json, github, sarif, junit, codeclimate
    }

    package var findings: [Finding]
    /// The files read, in no particular order.
    package var files: [String]
    package var caseCount: Int
    package var planCount: Int
    /// Put before file paths in text, github, sarif, junit and codeclimate output (the case repository's path
    /// from where casebook runs, ending in `/`, or empty), so that editors and CI find the files.
    package var pathPrefix: String
    /// The lines of a file, for the source excerpt under each text finding.
    package var sourceLines: @Sendable (String) -> [Substring]

    package init(snapshot: Snapshot, pathPrefix: String = "", sourceLines: @escaping @Sendable (String) -> [Substring] = { _ in [] }) {
        findings = snapshot.findings
        files = snapshot.files
        caseCount = snapshot.cases.count
        planCount = snapshot.plans.count
        self.pathPrefix = pathPrefix
        self.sourceLines = sourceLines
    }

    package var errorCount: Int { findings.count(.error) }
    package var warningCount: Int { findings.count(.warning) }

    /// Whether validation failed: any error, or with `strict` any warning.
    package func failed(strict: Bool) -> Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }

    /// The report in `format`, ending with a newline.
    package func render(_ format: Format) -> String {
        switch format {
        case .text: renderText()
        case .json: renderJSON()
        case .github: renderGitHub()
        case .sarif: renderSARIF()
        case .junit: renderJUnit()
        case .codeclimate: renderCodeClimate()
        }
    }

    func displayPath(_ file: String) -> String { pathPrefix + file }
}
