import HTTPTypes
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// `multipart/form-data` as browsers and curl send it: the file part found among other fields,
/// the boundary quoted or not, its text inside the file, and a body cut short refused.
@Suite struct MultipartFormTests {
    static func body(_ parts: [String], boundary: String = "XyZ", closed: Bool = true) -> [UInt8] {
        Array((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + (closed ? "--\(boundary)--\r\n" : "")).utf8)
    }

    @Test func theFilePartIsFoundAfterOtherFields() throws {
        let body = Self.body([
            "Content-Disposition: form-data; name=\"note\"\r\n\r\nnot the file",
            "Content-Disposition: form-data; name=\"file\"; filename=\"log.txt\"\r\nContent-Type: text/plain\r\n\r\nline 1\r\nline 2",
        ])
        let file = try MultipartFile(body, boundary: "XyZ")
        #expect(file.fileName == "log.txt" && file.mediaType == "text/plain" && String(decoding: file.bytes, as: UTF8.self) == "line 1\r\nline 2")
    }

    @Test func theBoundarysTextInsideTheFileIsContent() throws {
        // Only CRLF and "--" and the boundary end a part: the boundary's text elsewhere is content.
        let content = "XyZ --XyZ is not a delimiter here; nor is\r\n-XyZ"
        let file = try MultipartFile(
            Self.body(["Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n" + content]), boundary: "XyZ")
        #expect(String(decoding: file.bytes, as: UTF8.self) == content)
    }

    @Test func aBodyWithoutItsClosingDelimiterIsRefused() {
        let body = Self.body(["Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\ncut"], closed: false)
        #expect(throws: Problem.self) { try MultipartFile(body, boundary: "XyZ") }
        do {
            _ = try MultipartFile(body, boundary: "XyZ")
        } catch {
            #expect(error.detail == "the multipart body does not end with its closing delimiter \"--XyZ--\"")
        }
    }

    @Test func aQuotedBoundaryIsRead() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let boundary = "----form boundary:1"
            let body = String(
                decoding: Self.body(["Content-Disposition: form-data; name=\"file\"; filename=\"q.txt\"\r\n\r\nquoted"], boundary: boundary),
                as: UTF8.self)
            let (status, answer, _) = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: token, json: body,
                headers: [.contentType: "multipart/form-data; boundary=\"\(boundary)\""])
            #expect(status == .created && answer["attachment"]?["fileName"]?.string == "q.txt", "\(answer)")
        }
    }
}
