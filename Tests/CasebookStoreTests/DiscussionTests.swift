import CasebookStore
import Foundation
import Testing

@Suite struct DiscussionTests {
    @Test func commentsAreEditedAndDeletedByTheirAuthorOrAnAdmin() async throws {
        let store = try await StoreFixture()
        let runID = try #require(try await store.run().id)
        let comment = try await store.database.addComment("  Flaky on iOS 17  ", on: Target(.run, "\(runID)"), project: "S", by: store.tester)
        #expect(comment.body == "Flaky on iOS 17")
        await #expect(throws: StoreError.notFound(what: "run", id: "999")) {
            _ = try await store.database.addComment("x", on: Target(.run, "999"), project: "S", by: store.tester)
        }
        _ = try await store.database.addUser(.init(username: "tess", role: .tester, password: "another tester"), by: store.admin)
        let tess = try await store.database.authenticate(
            store.database.login(username: "tess", password: "another tester", lifetime: .seconds(60), from: "127.0.0.1").token.text)
        await #expect(throws: StoreError.forbidden("only the author of a comment or an admin may change it")) {
            _ = try await store.database.editComment(try #require(comment.id), body: "mine now", project: "S", by: tess)
        }
        let edited = try await store.database.editComment(try #require(comment.id), body: "Flaky on iOS 17.2", project: "S", by: store.tester)
        #expect(edited.editedAt != nil)
        try await store.database.deleteComment(try #require(comment.id), project: "S", by: store.admin)
        let listed = try await store.database.comments(on: Target(.run, "\(runID)"), project: "S").rows
        #expect(listed.count == 1 && listed[0].deletedAt != nil)
    }

    @Test func identicalBytesAreStoredOnceUnderTheirDigestUntilTheLastAttachmentGoes() async throws {
        let store = try await StoreFixture()
        let bytes = Array("screenshot bytes".utf8)
        let first = try await store.database.attach(
            bytes, fileName: "a.png", mediaType: "image/png", to: Target(.case, "S-1"), project: "S", by: store.tester)
        let second = try await store.database.attach(
            bytes, fileName: "b.png", mediaType: "image/png", to: Target(.case, "S-2"), project: "S", by: store.tester)
        #expect(first.sha256 == second.sha256 && first.size == 16)
        let folder = store.folder.path + "/db/attachments"
        let stored = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { !$0.hasSuffix("/") && $0.contains("/") }
        #expect(stored == ["\(first.sha256.prefix(2))/\(first.sha256.dropFirst(2))"])
        #expect(Array(try store.database.attachments.read(first.sha256)) == bytes)
        // The bytes stay while an attachment uses them, and go with the last one.
        try await store.database.deleteAttachment(try #require(first.id), project: "S", by: store.tester)
        #expect(store.database.attachments.contains(first.sha256))
        try await store.database.deleteAttachment(try #require(second.id), project: "S", by: store.tester)
        #expect(!store.database.attachments.contains(first.sha256))
        let again = try await store.database.attach(
            bytes, fileName: "c.png", mediaType: "image/png", to: Target(.case, "S-1"), project: "S", by: store.tester)
        #expect(Array(try store.database.attachments.read(again.sha256)) == bytes)
        for name in ["../../etc/passwd", "a/b.png", "", ".."] {
            await #expect(throws: StoreError.self) {
                _ = try await store.database.attach(
                    bytes, fileName: name, mediaType: "image/png", to: Target(.case, "S-1"), project: "S", by: store.tester)
            }
        }
    }
}
