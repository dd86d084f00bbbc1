import GRDB

/// A department users belong to.
package struct Department: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var name: String

    package init(id: Int64? = nil, name: String) {
        self.id = id
        self.name = name
    }

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
