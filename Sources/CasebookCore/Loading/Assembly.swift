import CasebookYAML

/// Puts the parsed files together into a ``Snapshot`` and runs the checks that span files:
/// id uniqueness, `use:` references and cycles, plan references and plan resolution.
struct Assembly {
    let settings: ProjectSettings
    private var cases: [TestCase] = []
    private var groups: [String: CaseGroup] = [:]
    private var blocks: [SharedStepBlock] = []
    private var plans: [Plan] = []
    private var findings: [Finding] = []

    init(settings: ProjectSettings) {
        self.settings = settings
    }

    mutating func add(_ content: ParsedFile.Content) {
        switch content {
        case .testCase(let testCase): cases.append(testCase)
        case .group(let group): groups[group.id] = group
        case .sharedSteps(let block): blocks.append(block)
        case .plan(let plan): plans.append(plan)
        case .nothing: break
        }
    }

    /// The snapshot of the files added, with the parse cache the load made and how many files it parsed.
    mutating func finish(findings fileFindings: [Finding], cache parseCache: ParseCache, parsedFiles: Int) -> Snapshot {
        findings = fileFindings
        cases.sort { $0.path < $1.path }
        plans.sort { $0.path < $1.path }
        blocks.sort { $0.path < $1.path }
        let cases = self.cases
        // Indexed on a core of its own while the groups and steps are checked and plans matched here.
        let indexing = Background { CaseIndexes(cases: cases) }
        addAncestorGroups()
        checkUnique(blocks.map { ($0.id, $0.path, $0.idMark) }, what: "shared-step block")
        checkUnique(plans.map { ($0.id, $0.path, $0.idMark) }, what: "plan")
        var blocksByID: [String: SharedStepBlock] = [:]
        for block in blocks where blocksByID[block.id] == nil { blocksByID[block.id] = block }
        checkUses(blocksByID: blocksByID)
        var planIDs: Set<String> = []
        let matches = PlanResolver.match(plans.filter { planIDs.insert($0.id).inserted }, in: cases)
        let indexes = indexing.wait()
        // The index keeps the first case of each id: when it holds every case, no id is used twice.
        if !indexes.hasUniqueIDs(among: cases) {
            for testCase in cases {
                guard let first = indexes.testCase(testCase.id), first !== testCase else { continue }
                reportDuplicate(testCase.id, what: "case", at: (testCase.path, testCase.idMark), first: (first.path, first.idMark))
            }
        }
        var resolved: [String: ResolvedPlan] = [:]
        for plan in PlanResolver(settings: settings, groups: groups, indexes: indexes).resolve(matches, cases: cases) {
            resolved[plan.planID] = plan
            findings += plan.findings
        }
        return Snapshot(
            settings: settings, cases: CaseList(cases), indexes: indexes, groups: groups, sharedSteps: blocksByID, plans: plans,
            resolvedPlans: resolved,
            findings: findings, parseCache: parseCache, parsedFiles: parsedFiles)
    }

    /// Every folder that holds cases is a group, and so is every folder above it.
    private mutating func addAncestorGroups() {
        // Cases come in path order, so the cases of a folder follow each other.
        var folders = Set(groups.keys)
        var previous: String?
        for testCase in cases where testCase.group != previous {
            folders.insert(testCase.group)
            previous = testCase.group
        }
        for folder in folders {
            for id in CaseGroup.lineage(of: folder) where groups[id] == nil {
                groups[id] = CaseGroup(id: id, title: GroupMapper.defaultTitle(of: id))
            }
        }
    }

    /// Reports every id used twice, at both places. (Case ids are checked against the case index.)
    private mutating func checkUnique(_ ids: [(id: String, path: String, mark: Mark)], what: String) {
        var first: [String: (path: String, mark: Mark)] = [:]
        for entry in ids {
            if let original = first[entry.id] {
                reportDuplicate(entry.id, what: what, at: (entry.path, entry.mark), first: original)
            } else {
                first[entry.id] = (entry.path, entry.mark)
            }
        }
    }

    /// Reports the id `id` used at `place` and, before it, at `first`: at both places.
    private mutating func reportDuplicate(_ id: String, what: String, at place: (path: String, mark: Mark), first: (path: String, mark: Mark)) {
        findings.append(
            Finding(
                .idDuplicate, file: place.path, at: place.mark,
                "\(what) id '\(id)' is also used by \(first.path):\(first.mark.line); give one of them a new id"))
        findings.append(
            Finding(
                .idDuplicate, file: first.path, at: first.mark,
                "\(what) id '\(id)' is also used by \(place.path):\(place.mark.line); give one of them a new id"))
    }

    /// Each `use:` in `steps` of the file at `path` that names no block of `blocks`; `hints` are
    /// the suggestions among `blocks`' ids.
    static func unknownBlocks(in steps: [Step], path: String, blocks: [String: SharedStepBlock], hints: Suggestions) -> [Finding] {
        steps.compactMap { step in
            guard case .use(let id) = step.kind, blocks[id] == nil else { return nil }
            return Finding(
                .stepUnknownBlock, file: path, at: step.mark,
                "no shared-step block has id '\(id)'\(hints.hint(for: id)); add it to shared-steps/ or fix the id")
        }
    }

    /// `use:` must name an existing block, and blocks must not use each other in a cycle.
    private mutating func checkUses(blocksByID: [String: SharedStepBlock]) {
        let hints = Suggestions { Array(blocksByID.keys) }
        for testCase in cases { findings += Self.unknownBlocks(in: testCase.steps, path: testCase.path, blocks: blocksByID, hints: hints) }
        for block in blocks { findings += Self.unknownBlocks(in: block.steps, path: block.path, blocks: blocksByID, hints: hints) }

        // Depth-first search; a `use:` that reaches a block on the current path closes a cycle.
        enum State { case visiting, done }
        var state: [String: State] = [:]
        func visit(_ block: SharedStepBlock, trail: [String]) {
            state[block.id] = .visiting
            for step in block.steps {
                guard case .use(let id) = step.kind, let next = blocksByID[id] else { continue }
                switch state[id] {
                case .visiting:
                    let cycle = (trail + [block.id]).drop { $0 != id } + [id]
                    findings.append(
                        Finding(
                            .stepCycle, file: block.path, at: step.mark,
                            "shared steps use each other in a cycle: \(cycle.joined(separator: " → ")); break the cycle"))
                case .done: continue
                case nil: visit(next, trail: trail + [block.id])
                }
            }
            state[block.id] = .done
        }
        for id in blocksByID.keys.sorted() where state[id] == nil {
            if let block = blocksByID[id] { visit(block, trail: []) }
        }
    }
}
