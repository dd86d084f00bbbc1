/// How far a run is: counts per status overall, per device and per group, the pass rate, and
/// the results that are outdated because their case changed in git since it was executed.
package struct RunProgress: Sendable {
    /// A result whose case changed (or was removed) after the version that was executed.
    package struct Outdated: Sendable, Equatable {
        package var executionID: Int64
        package var caseID: String
        package var device: String?
        package var status: ExecutionStatus
        package var executedVersion: String
        /// The case's version now; `nil` when the case is gone.
        package var currentVersion: String?
    }

    /// Counts by status.
    package typealias Counts = [ExecutionStatus: Int]

    package var total: Int
    package var statuses: Counts
    /// By device id ("" when the plan names no devices).
    package var devices: [String: Counts]
    /// By group id (the case's own group, not its ancestors).
    package var groups: [String: Counts]
    package var outdated: [Outdated]

    /// Passed among the decided executions: those with a result other than `untested`, `skipped`
    /// and `retest` (to be run again, so not decided yet); `nil` when there are none.
    package var passRate: Double? {
        let decided = total - [.untested, .skipped, .retest].reduce(0) { $0 + (statuses[$1] ?? 0) }
        return decided == 0 ? nil : Double(statuses[.passed] ?? 0) / Double(decided)
    }
}
