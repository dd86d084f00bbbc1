import GRDB

/// Changes to a run's counts — per (device, status), per (group, status), and results per
/// executed case version — gathered while executions are written and applied once, at the end
/// of the same transaction: a run's progress then reads these small tables, not every execution.
struct RunCounters {
    private struct Pair: Hashable {
        var first: String
        var second: String
    }

    private var devices: [Pair: Int] = [:]
    private var groups: [Pair: Int] = [:]
    private var versions: [Pair: Int] = [:]

    /// A new execution.
    mutating func added(device: String?, group: String, status: ExecutionStatus) {
        devices[Pair(first: device ?? "", second: status.rawValue), default: 0] += 1
        groups[Pair(first: group, second: status.rawValue), default: 0] += 1
    }

    /// An execution of `caseID` whose status and case version went from `old` to `new`.
    mutating func changed(
        caseID: String, device: String?, group: String, from old: (status: ExecutionStatus, blob: String), to new: (status: ExecutionStatus, blob: String)
    ) {
        if old.status != new.status {
            devices[Pair(first: device ?? "", second: old.status.rawValue), default: 0] -= 1
            devices[Pair(first: device ?? "", second: new.status.rawValue), default: 0] += 1
            groups[Pair(first: group, second: old.status.rawValue), default: 0] -= 1
            groups[Pair(first: group, second: new.status.rawValue), default: 0] += 1
        }
        if old.status != .untested { versions[Pair(first: caseID, second: old.blob), default: 0] -= 1 }
        if new.status != .untested { versions[Pair(first: caseID, second: new.blob), default: 0] += 1 }
    }

    /// Adds the changes to run `runID`'s counts.
    func apply(_ db: Database, run runID: Int64) throws {
        for (table, key, value, changes) in [
            ("deviceTally", "deviceId", "status", devices), ("groupTally", "groupPath", "status", groups), ("executedVersion", "caseId", "caseBlob", versions),
        ] {
            let count = table == "executedVersion" ? "results" : "count"
            let upsert = try db.cachedStatement(
                sql: "INSERT INTO \(table)(runId, \(key), \(value), \(count)) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET \(count) = \(count) + excluded.\(count)")
            for (pair, delta) in changes where delta != 0 {
                try upsert.execute(arguments: [runID, pair.first, pair.second, delta])
            }
        }
    }
}
