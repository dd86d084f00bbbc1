import CasebookCore
import Foundation

/// One commit in `casebook log`: the revision and what it changed in the case.
package struct CaseLogEntry: Sendable {
    package var revision: CaseRevision
    /// Field and step changes against the parent; `nil` for the commit that added the case, or
    /// when either version does not parse.
    package var change: CaseChange?

    /// `commit <id>`, author and date, the message, then what changed, indented.
    package var text: String {
        let commit = revision.commit
        let date = Date(timeIntervalSince1970: TimeInterval(commit.time))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: commit.timeOffset * 60)
        var out = "commit \(commit.id)\nAuthor: \(commit.authorName) <\(commit.authorEmail)>\nDate:   \(formatter.string(from: date))\n\n"
        for line in commit.message.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false) {
            out += "    \(line)\n"
        }
        out += "\n"
        switch revision.change {
        case .added: out += "    added as \(revision.path)\n"
        case .moved, .modified:
            if let change = change {
                out += change.detailText(indent: 4)
            } else if let previous = revision.previousPath {
                out += "    moved from \(previous)\n"
            } else {
                out += "    (only comments or formatting changed)\n"
            }
        }
        return out + "\n"
    }
}

extension CaseRepository {
    /// The commits reachable from `revision` that changed case `id`, newest first, following
    /// moves, each with the field and step changes it made.
    package func log(ofCase id: String, from revision: String) throws -> [CaseLogEntry] {
        let snapshot = try Snapshot.load(from: try tree(at: revision))
        guard let current = snapshot.testCase(id) else { throw CaseLogError.unknownCase(id, revision: revision) }
        return try log(ofCase: id, at: current.path, from: revision, settings: snapshot.settings)
    }

    /// The same, for a case whose file is at `path` in `revision`, its versions read with `settings`.
    package func log(ofCase id: String, at path: String, from revision: String, settings: ProjectSettings) throws -> [CaseLogEntry] {
        func version(at path: String, in commit: String) throws -> TestCase? {
            guard let blob = try git.blobID(at: gitPath(path), in: commit) else { return nil }
            guard let bytes = try git.caseFile(blob) else { return nil }
            return TestCase.parse(bytes, path: path, settings: settings)
        }
        return try history(ofCase: id, at: path, from: revision).map { revision in
            let new = try version(at: revision.path, in: revision.commit.id)
            var old: TestCase?
            if revision.change != .added, let parent = revision.commit.parents.first {
                old = try version(at: revision.previousPath ?? revision.path, in: parent)
            }
            let change = old.flatMap { old in new.flatMap { CaseChange(from: old, to: $0) } }
            return CaseLogEntry(revision: revision, change: change)
        }
    }
}

/// Why `casebook log` or `casebook show` could not find a case.
package enum CaseLogError: Error, Sendable, CustomStringConvertible {
    case unknownCase(String, revision: String)

    package var description: String {
        switch self {
        case .unknownCase(let id, let revision): "no case has id '\(id)' at \(revision); check the id (casebook list shows them)"
        }
    }
}
