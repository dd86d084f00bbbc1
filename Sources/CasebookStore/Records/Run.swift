import Foundation
import GRDB

/// A test run: a plan of a project at a commit, executed for a build.
package struct Run: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var project: String
    package var planId: String
    package var title: String
    package var build: String?
    package var commitId: String
    package var createdById: Int64?
    package var createdAt: Date
    package var closedAt: Date?
    /// How many times results were written to the run.
    package var revision: Int64 = 0
    /// The run this one re-runs (a part of).
    package var rerunOf: Int64?

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
