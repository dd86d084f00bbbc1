/// The result of one execution.
package enum ExecutionStatus: String, Codable, Sendable, CaseIterable {
    case untested, passed, failed, blocked, skipped, retest
}
