/// How the cases of a snapshot divide up: what a dashboard draws.
package struct CaseStatistics: Sendable {
    package var cases: Int
    /// Counts by value; the orders are those of the settings (priorities, types) or by value.
    package var byPriority: [(String, Int)]
    package var byType: [(String, Int)]
    package var byAutomation: [(String, Int)]
    package var byTag: [(String, Int)]
    /// Every group, counting the cases of the groups below it.
    package var byGroup: [(String, Int)]
    /// Cases without an owner count under "".
    package var byOwner: [(String, Int)]
}

extension Snapshot {
    /// The counts of every dimension dashboards group cases by.
    package func statistics() -> CaseStatistics {
        var priorities: [String: Int] = [:], types: [String: Int] = [:], automation: [String: Int] = [:]
        var tags: [String: Int] = [:], owners: [String: Int] = [:]
        for testCase in cases {
            priorities[testCase.priority, default: 0] += 1
            types[testCase.type, default: 0] += 1
            automation[testCase.automation.status.rawValue, default: 0] += 1
            owners[testCase.owner ?? "", default: 0] += 1
            for tag in testCase.tags { tags[tag, default: 0] += 1 }
        }
        func declared(_ values: [String], _ counts: [String: Int]) -> [(String, Int)] {
            values.map { ($0, counts[$0] ?? 0) } + counts.filter { !values.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return CaseStatistics(
            cases: cases.count,
            byPriority: declared(settings.priorities, priorities),
            byType: declared(settings.types, types),
            byAutomation: declared(AutomationStatus.allCases.map(\.rawValue), automation),
            byTag: tags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            byGroup: groups.keys.sorted().map { ($0, caseCount(inGroup: $0)) },
            byOwner: owners.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
