import CasebookCore
import GRDB

extension AppDatabase {
    /// How many recorded results (executions that are no longer `untested`) and comments each
    /// of `caseIDs` has in `project`, leaving out cases with none.
    package func caseHistory(project: String, caseIDs: [String]) async throws -> (results: [String: Int], comments: [String: Int]) {
        guard !caseIDs.isEmpty else { return ([:], [:]) }
        let ids = JSONText.array(caseIDs.map(JSONText.string)).serialized
        return try await reader.read { db in
            let results = try Row.fetchAll(
                db,
                sql: """
                    SELECT execution.caseId, COUNT(*) FROM execution JOIN run ON run.id = execution.runId
                    WHERE run.project = ? AND execution.status <> 'untested' AND execution.caseId IN (SELECT value FROM json_each(?))
                    GROUP BY execution.caseId
                    """, arguments: [project, ids])
            let comments = try Row.fetchAll(
                db,
                sql: """
                    SELECT targetId, COUNT(*) FROM comment
                    WHERE project = ? AND targetKind = 'case' AND deletedAt IS NULL AND targetId IN (SELECT value FROM json_each(?))
                    GROUP BY targetId
                    """, arguments: [project, ids])
            func counts(_ rows: [Row]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: rows.map { row -> (String, Int) in (row[0], row[1]) })
            }
            return (counts(results), counts(comments))
        }
    }
}
