import Foundation

/// One result as a tester or CI reports it.
package struct ResultInput: Sendable, Equatable {
    package var status: ExecutionStatus
    package var notes: String?
    package var defects: [String]
    /// Seconds.
    package var duration: Double?
    package var startedAt: Date?
    package var finishedAt: Date?
    /// Step results (the single-result route only): they replace the execution's.
    package var steps: [StepResult]?
    /// The execution's version the writer read: when it has moved on since, the write is refused.
    package var expectedVersion: Int64?

    package init(
        status: ExecutionStatus, notes: String? = nil, defects: [String] = [], duration: Double? = nil, startedAt: Date? = nil,
        finishedAt: Date? = nil, steps: [StepResult]? = nil, expectedVersion: Int64? = nil
    ) {
        self.steps = steps
        self.expectedVersion = expectedVersion
        self.status = status
        self.notes = notes
        self.defects = defects
        self.duration = duration
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// A result addressed by case and device, as the bulk endpoint and imports give them.
package struct SlotResult: Sendable, Equatable {
    package var caseID: String
    package var device: String?
    package var result: ResultInput

    package init(caseID: String, device: String?, result: ResultInput) {
        self.caseID = caseID
        self.device = device
        self.result = result
    }
}
