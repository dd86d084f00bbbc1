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
    /// Whether warnings fail validation (`--strict`): the JUnit report fails their files too.
    package var strict = false
    /// The folder paths are relative to, as an absolute path: SARIF names it as `%SRCROOT%`.
    package var root: String?

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

    /// Whether validation failed: any error, or with ``strict`` any warning.
    package var failed: Bool {
        errorCount > 0 || (strict && warningCount > 0)
    }

    /// Whether `finding` fails validation: an error, or with ``strict`` a warning too.
    func fails(_ finding: Finding) -> Bool {
        finding.severity == .error || strict
    }

    /// "1 error", "2 warnings".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
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
