import CasebookCore
import CasebookStore

/// How runs, executions and progress appear in responses.
enum RunJSON {
    static func run(_ run: Run, people: People) -> [(String, JSONText)] {
        [
            ("id", .optional(run.id)),
            ("plan", .string(run.planId)),
            ("title", .string(run.title)),
            ("build", .optional(run.build)),
            ("commit", .string(run.commitId)),
            ("createdBy", AccountJSON.person(people[run.createdById])),
            ("createdAt", .date(run.createdAt)),
            ("closedAt", .date(run.closedAt)),
            ("state", .string(run.closedAt == nil ? "open" : "closed")),
            ("rerunOf", .optional(run.rerunOf)),
        ]
    }

    static func execution(_ execution: Execution, people: People) -> JSONText {
        .object([
            ("id", .optional(execution.id)),
            ("run", .number(Int(execution.runId))),
            ("case", .string(execution.caseId)),
            ("device", .optional(execution.deviceId)),
            ("group", .string(execution.groupPath)),
            ("status", .string(execution.status.rawValue)),
            ("executedBy", AccountJSON.person(people[execution.executedById])),
            ("startedAt", .date(execution.startedAt)),
            ("finishedAt", .date(execution.finishedAt)),
            ("duration", .optional(execution.duration)),
            ("notes", .optional(execution.notes)),
            ("defects", .array(execution.defects.map(JSONText.string))),
            ("caseVersion", .string(execution.caseVersion)),
            ("assignee", AccountJSON.person(people[execution.assigneeId])),
            ("version", .number(Int(execution.version))),
            (
                "steps",
                execution.stepResults.map { steps in
                    .array(steps.map { .object([("status", .optional($0.status?.rawValue)), ("note", .optional($0.note))]) })
                } ?? .null
            ),
        ])
    }

    static func progress(_ progress: RunProgress) -> [(String, JSONText)] {
        [
            ("total", .number(progress.total)),
            ("statuses", counts(progress.statuses)),
            ("passRate", .optional(progress.passRate)),
            ("devices", .object(progress.devices.sorted { $0.key < $1.key }.map { ($0.key, counts($0.value)) })),
            ("groups", .object(progress.groups.sorted { $0.key < $1.key }.map { ($0.key, counts($0.value)) })),
            (
                "outdated",
                .array(
                    progress.outdated.map { outdated in
                        .object([
                            ("execution", .number(Int(outdated.executionID))),
                            ("case", .string(outdated.caseID)),
                            ("device", .optional(outdated.device)),
                            ("status", .string(outdated.status.rawValue)),
                            ("executedVersion", .string(outdated.executedVersion)),
                            ("currentVersion", .optional(outdated.currentVersion)),
                            ("reason", .string(outdated.currentVersion == nil ? "case removed" : "case changed")),
                        ])
                    })
            ),
        ]
    }

    /// A count for every status, in the order statuses are declared.
    static func counts(_ counts: RunProgress.Counts) -> JSONText {
        .object(ExecutionStatus.allCases.map { ($0.rawValue, .number(counts[$0] ?? 0)) })
    }
}
