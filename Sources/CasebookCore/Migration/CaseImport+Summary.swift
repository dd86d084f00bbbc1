extension CaseImport {
    /// What the import read and what it does with it: counts, the cases changed and how,
    /// `casebook.yaml`'s change, and every note with its place in the export.
    package func summary(of suite: ImportedSuite) -> String {
        func count(_ number: Int, _ word: String) -> String { "\(number) \(word)\(number == 1 ? "" : "s")" }
        var created = 0, unchanged = 0
        var updated: [String] = []
        for outcome in outcomes {
            switch outcome.kind {
            case .created: created += 1
            case .unchanged: unchanged += 1
            case .updated(let keys): updated.append("  \(outcome.id) \(outcome.path) (\(outcome.sourceID)): \(keys.joined(separator: ", "))")
            }
        }
        var out = "Read \(count(suite.cases.count, "case")) in \(count(suite.groups.count, "group")).\n"
        out += "\(created) new, \(updated.count) changed, \(unchanged) unchanged.\n"
        if !updated.isEmpty { out += "Changed:\n" + updated.joined(separator: "\n") + "\n" }
        if !settingsAdditions.isEmpty { out += "casebook.yaml gains " + settingsAdditions.joined(separator: "; ") + ".\n" }
        if !missing.isEmpty {
            out += "No longer in the export (their files stay):\n"
            for (id, path, source) in missing { out += "  \(id) \(path) (\(source))\n" }
        }
        let losses = notes.filter(\.isLoss), filled = notes.filter { !$0.isLoss }
        if !losses.isEmpty {
            out += "Not imported (\(losses.count)):\n"
            for note in losses { out += "  \(note.location): \(note.message)\n" }
        }
        if !filled.isEmpty {
            out += "Filled in (\(filled.count)):\n"
            for note in filled { out += "  \(note.location): \(note.message)\n" }
        }
        return out
    }
}
