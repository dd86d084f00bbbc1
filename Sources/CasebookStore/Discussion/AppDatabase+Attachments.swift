import Foundation
import GRDB

extension AppDatabase {
    /// Stores `bytes` (once per content) and attaches them to `target` under `fileName`. The file
    /// and its row are one unit: bytes this call stored are removed again when the row cannot be
    /// written, unless another row has them by then.
    package func attach(
        _ bytes: [UInt8], fileName: String, mediaType: String, to target: Target, project: String, by principal: Principal, now: Date = Date()
    ) async throws -> Attachment {
        try principal.require(.tester)
        let fileName = try Self.checkFileName(fileName)
        try await reader.read { db in try Self.checkExists(db, target, project: project) }
        let files = attachments
        let (digest, created) = try await offloaded { try files.store(bytes) }
        do {
            return try await insertAttachment(
                bytes, digest: digest, fileName: fileName, mediaType: mediaType, to: target, project: project, by: principal, now: now)
        } catch {
            if created, let unused = try? await reader.read({ db in try Attachment.filter(Column("sha256") == digest).isEmpty(db) }), unused {
                try? files.remove(digest)
            }
            throw error
        }
    }

    private func insertAttachment(
        _ bytes: [UInt8], digest: String, fileName: String, mediaType: String, to target: Target, project: String, by principal: Principal, now: Date
    ) async throws -> Attachment {
        let files = attachments
        return try await writer.write { db in
            try Self.checkExists(db, target, project: project)
            // Deleting the last attachment of the same bytes, between storing them and now, removed them.
            if !files.contains(digest) { _ = try files.store(bytes).digest }
            var attachment = Attachment(
                id: nil, project: project, targetKind: target.kind.rawValue, targetId: target.id, fileName: fileName, mediaType: mediaType,
                size: Int64(bytes.count), sha256: digest, uploadedById: principal.userID, createdAt: now)
            try attachment.insert(db)
            try Self.audit(
                db, by: principal.userID, .create, .attachment, "\(attachment.id ?? 0)",
                "\(fileName) (\(bytes.count) bytes) on \(target.kind.rawValue) \(target.id)", at: now)
            return attachment
        }
    }

    /// A page of the attachments of `target`, oldest first.
    package func attachments(of target: Target, project: String, page: PageRequest = .everything) async throws -> Page<Attachment> {
        try await reader.read { db in
            try Self.checkExists(db, target, project: project)
            return try Attachment.filter(target.rows(of: project)).page(page, id: \.id, in: db)
        }
    }

    /// One attachment of `project`.
    package func attachment(_ id: Int64, project: String) async throws -> Attachment {
        try await reader.read { db in
            guard let attachment = try Attachment.fetchOne(db, key: id), attachment.project == project else {
                throw StoreError.notFound(what: "attachment", id: "\(id)")
            }
            return attachment
        }
    }

    /// Removes an attachment (its uploader or an admin), and its bytes unless another attachment
    /// uses them. The bytes are removed inside the write transaction, which `attach` also checks
    /// them in, so an upload of the same bytes at the same time keeps them.
    package func deleteAttachment(_ id: Int64, project: String, by principal: Principal, now: Date = Date()) async throws {
        try principal.require(.tester)
        try await writer.write { db in
            guard let attachment = try Attachment.fetchOne(db, key: id), attachment.project == project else {
                throw StoreError.notFound(what: "attachment", id: "\(id)")
            }
            guard attachment.uploadedById == principal.userID || principal.role == .admin else {
                throw StoreError.forbidden("only the uploader of an attachment or an admin may delete it")
            }
            _ = try attachment.delete(db)
            try Self.audit(db, by: principal.userID, .delete, .attachment, "\(id)", attachment.fileName, at: now)
            if try Attachment.filter(Column("sha256") == attachment.sha256).isEmpty(db) { try attachments.remove(attachment.sha256) }
        }
    }

    /// A file name as given, checked: a name, never a path, and shown as it is. Format characters
    /// are refused with control characters: U+202E (right-to-left override) shows
    /// `invoice\u{202E}fdp.exe` as "invoiceexe.pdf".
    private static func checkFileName(_ name: String) throws(StoreError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let forbidden = trimmed.unicodeScalars.first {
            [.control, .format].contains($0.properties.generalCategory) || $0 == "/" || $0 == "\\"
        }
        if let forbidden, forbidden.properties.generalCategory == .format {
            let code = "U+" + String(forbidden.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw .invalid(
                "fileName",
                "the file name holds \(code), an invisible format character (such as a direction override, which disguises an extension); remove it")
        }
        guard !trimmed.isEmpty, trimmed.utf8.count <= 255, forbidden == nil, trimmed != ".", trimmed != ".." else {
            throw .invalid("fileName", "'\(name)' is not a file name; give 1 to 255 bytes without '/', '\\' or control characters")
        }
        return trimmed
    }
}

extension String {
    /// The string with zeros before it up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
