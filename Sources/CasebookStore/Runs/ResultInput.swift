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

    package init(
        status: ExecutionStatus, notes: String? = nil, defects: [String] = [], duration: Double? = nil, startedAt: Date? = nil,
        finishedAt: Date? = nil
    ) {
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
