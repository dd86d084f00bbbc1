extension Snapshot {
    /// The most changed files a snapshot is derived from the previous one for; past it, a full
    /// load (which parses in parallel) is as quick.
    static let derivableChanges = 1_000

    /// The snapshot of another revision of the same repository, derived from this one: only the
    /// files in `changes` are read (with `reader`) and parsed, and the indexes, plan matrices and
    /// findings are updated for the cases that changed instead of being rebuilt from every case.
    /// `nil` when the change needs a full ``load(from:reusing:)``: a changed `casebook.yaml`,
    /// group, shared-step or plan file, a misplaced file, an id used by two cases (before or
    /// after), a group left without cases, or more than ``derivableChanges`` files.
    package func applying(_ changes: [FileChange], reader: some SourceReader) -> Snapshot? {
        guard changes.count <= Self.derivableChanges, indexes.hasUniqueIDs(among: cases) else { return nil }
        var removed: [TestCase] = [], inserted: [TestCase] = []
        var changedPaths: Set<String> = [], parsedFiles = 0
        var entries: [(path: String, entry: ParseCache.Entry?)] = []
        var findings: [Finding] = []
        let sharedSteps = self.sharedSteps
        let blockHints = Suggestions { Array(sharedSteps.keys) }
        for change in changes {
            let kind = FileKind(path: change.path)
            switch kind {
            case .skipped: continue
            case .testCase: break
            case .settings, .group, .sharedSteps, .plan, .misplaced: return nil
            }
            changedPaths.insert(change.path)
            if case .testCase(let old)? = parseCache.entry(at: change.path)?.parsed.content { removed.append(old) }
            guard let contentID = change.contentID else {
                entries.append((change.path, nil))
                continue
            }
            let entry = ParseCache.Entry(
                reading: change.path, contentID: contentID, kind: kind, with: .success(reader), settings: settings, reusing: .empty)
            parsedFiles += 1
            entries.append((change.path, entry))
            findings += entry.parsed.findings
            if case .testCase(let new) = entry.parsed.content {
                inserted.append(new)
                findings += Assembly.unknownBlocks(in: new.steps, path: new.path, blocks: sharedSteps, hints: blockHints)
            }
        }

        var indexes = self.indexes
        for testCase in removed { indexes.remove(testCase) }
        for testCase in inserted {
            guard indexes.testCase(testCase.id) == nil else { return nil }
            indexes.insert(testCase)
        }
        for testCase in removed where !testCase.group.isEmpty && indexes.totals[testCase.group] == nil { return nil }
        var groups = self.groups
        for testCase in inserted {
            for id in CaseGroup.lineage(of: testCase.group) where groups[id] == nil {
                groups[id] = CaseGroup(id: id, title: GroupMapper.defaultTitle(of: id))
            }
        }

        let resolver = PlanResolver(settings: settings, groups: groups, indexes: indexes)
        let planFindings = Set(resolvedPlans.values.lazy.flatMap(\.findings))
        findings += self.findings.filter { !changedPaths.contains($0.file) && !planFindings.contains($0) }
        var resolvedPlans: [String: ResolvedPlan] = [:]
        for (id, resolved) in self.resolvedPlans {
            guard let plan = plans.first(where: { $0.id == id }) else { continue }
            let next = resolver.update(resolved, of: plan, in: self.indexes, removing: removed, inserting: inserted)
            resolvedPlans[id] = next
            findings += next.findings
        }
        return Snapshot(
            settings: settings, cases: cases.replacing(paths: removed.map(\.path), with: inserted), indexes: indexes, groups: groups,
            sharedSteps: sharedSteps, plans: plans, resolvedPlans: resolvedPlans, findings: findings,
            parseCache: parseCache.updating(entries), parsedFiles: parsedFiles, childGroups: groups.count == self.groups.count ? childGroups : nil)
    }
}
