import Foundation
import GRDB

/// A file attached to a case, run, execution or comment; the bytes live in ``AttachmentFiles``
/// under their SHA-256.
package struct Attachment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    package var id: Int64?
    package var project: String
    package var targetKind: String
    package var targetId: String
    package var fileName: String
    package var mediaType: String
    package var size: Int64
    package var sha256: String
    package var uploadedById: Int64?
    package var createdAt: Date

    package mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
