import ArgumentParser
import CasebookCore
import CasebookGit
import Foundation

/// `casebook diff BASE [HEAD]`: what a change means for the cases, plans and findings.
struct Diff: AsyncParsableCommand {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, markdown, json
    }

    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two revisions of a case repository, case by case and step by step.",
        discussion: """
            HEAD defaults to the files on disk. Markdown is made for a pull-request comment.
            Exit status: 0 the diff was shown, 2 could not run.
            """
    )

    @Argument(help: "The revision to compare with: a branch, tag or commit (like origin/main).")
    var base: String

    @Argument(help: "The revision to compare; the files on disk when left out.")
    var head: String?

    @OptionGroup var repository: RepositoryOption

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(help: "Markdown: link file paths to this URL followed by the path, like https://github.com/acme/shop/blob/<sha>/cases-root/.")
    var linkBase: String?

    @Option(help: "Markdown: the most characters to print; details that do not fit are summarised.")
    var maximumLength = 60_000

    func validate() throws {
        guard maximumLength >= 1_000 else { throw ValidationError("--maximum-length must be at least 1000") }
    }

    func run() async throws {
        let comparison = try await reportingFailures { try RevisionComparison(path: repository.path, base: base, head: head) }
        // Exit holding both snapshots: freeing them one object at a time only costs time.
        withExtendedLifetime(comparison) {
            let diff = comparison.diff
            switch format {
            case .text:
                print(diff.renderText(), terminator: "")
            case .markdown:
                let options = SnapshotDiff.MarkdownOptions(
                    linkBase: linkBase.map { $0.hasSuffix("/") ? $0 : $0 + "/" }, maximumLength: maximumLength,
                    title: "\(base) → \(head ?? "working tree")")
                print(diff.renderMarkdown(options), terminator: "")
            case .json:
                print(JSONText.object(comparison.revisions + diff.jsonMembers).serialized)
            }
            fflush(nil)
            Foundation.exit(0)
        }
    }
}
