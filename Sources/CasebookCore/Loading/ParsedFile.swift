import CasebookYAML

/// What one file yielded: its domain value (if it could be mapped) and its findings.
struct ParsedFile: Sendable {
    /// (Groups, blocks and plans are boxed: few files hold them, and unboxed they made every
    /// entry of a load's 100,000 as large as a plan.)
    enum Content: Sendable {
        case testCase(TestCase)
        indirect case group(CaseGroup)
        indirect case sharedSteps(SharedStepBlock)
        indirect case plan(Plan)
        case nothing
    }

    var content: Content
    var findings: [Finding]
    /// Whether casebook read the file (as opposed to only warning that it does not belong).
    var wasRead = true

    /// The largest file casebook reads.
    static let maximumSize = SourceFile.maximumSize

    /// Parses and maps the file at `path`; never throws: every problem becomes a finding. A clean
    /// case file is mapped from the parser's events (``CleanCaseReader``); any other file, and a
    /// case file with something to report, through a node tree and its mapper.
    static func parse(_ bytes: [UInt8], path: String, kind: FileKind, contentID: String, settings: ProjectSettings) -> ParsedFile {
        if case .testCase(let group) = kind, bytes.count <= maximumSize,
            let testCase = CleanCaseReader.map(bytes, path: path, group: group, contentID: contentID, settings: settings)
        {
            return ParsedFile(content: .testCase(testCase), findings: [])
        }
        let findings = FileFindings(file: path)
        let content: Content
        if let root = node(bytes, findings: findings) {
            switch kind {
            case .testCase(let group):
                content =
                    CaseMapper.map(root, path: path, group: group, contentID: contentID, settings: settings, findings: findings)
                    .map(Content.testCase) ?? .nothing
            case .group(let group):
                content = .group(GroupMapper.map(root, group: group, findings: findings))
            case .sharedSteps:
                content = SharedStepsMapper.map(root, path: path, findings: findings).map(Content.sharedSteps) ?? .nothing
            case .plan:
                content = PlanMapper.map(root, path: path, findings: findings).map(Content.plan) ?? .nothing
            case .settings, .skipped, .misplaced:
                content = .nothing
            }
        } else if case .group(let group) = kind {
            content = .group(CaseGroup(id: group, title: GroupMapper.defaultTitle(of: group)))
        } else {
            content = .nothing
        }
        return ParsedFile(content: content, findings: findings.findings)
    }

    /// The node tree of `bytes`, or `nil` with a finding.
    static func node(_ bytes: [UInt8], findings: FileFindings) -> Node? {
        guard bytes.count <= maximumSize else {
            findings.report(.fileTooLarge, at: .start, "the file is \(bytes.count) bytes; casebook files may be at most 1 MiB, split it")
            return nil
        }
        do {
            guard let root = try YAMLParser.parse(bytes), !(root.scalar?.isNull ?? false) else {
                findings.report(.fileEmpty, at: .start, "the file is empty; fill it in or delete it")
                return nil
            }
            return root
        } catch {
            findings.report(rule(for: error.reason), at: error.mark, error.message)
            return nil
        }
    }

    private static func rule(for reason: YAMLError.Reason) -> Rule {
        switch reason {
        case .syntax: .yamlSyntax
        case .duplicateKey: .yamlDuplicateKey
        case .alias: .yamlAlias
        case .size: .yamlSize
        case .depth: .yamlDepth
        case .multipleDocuments: .yamlMultipleDocuments
        case .encoding: .yamlEncoding
        }
    }
}
