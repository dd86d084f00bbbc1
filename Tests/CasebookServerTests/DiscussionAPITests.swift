import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct DiscussionAPITests {
    @Test func commentsOnCasesRunsAndExecutions() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let ada = try await client.login("ada")
            let run = try await RunsAPITests.createRun(client, tim)
            let execution =
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: tim).1["executions"]?[0]?["id"]?.int ?? 0
            for target in ["cases/SHOP-101", "runs/\(run)", "runs/\(run)/executions/\(execution)"] {
                let (status, body, _) = try await client.send(
                    .post, "/api/v1/projects/SHOP/\(target)/comments", token: tim, json: #"{"body":"Seen on \#(target)"}"#)
                #expect(status == .created && body["comment"]?["author"]?["username"]?.string == "tim")
                let listed = try await client.send(.get, "/api/v1/projects/SHOP/\(target)/comments", token: tim).1["comments"]?.array ?? []
                #expect(listed.compactMap { $0["body"]?.string } == ["Seen on \(target)"])
            }
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/cases/SHOP-999/comments", token: tim, json: #"{"body":"x"}"#).0 == .notFound)
            #expect(
                try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/comments", token: tim, json: #"{"body":"   "}"#).0
                    == .unprocessableContent)
            let comment = try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim).1["comments"]?[0]?["id"]?.int ?? 0
            let edited = try await client.send(.patch, "/api/v1/projects/SHOP/comments/\(comment)", token: tim, json: #"{"body":"Seen twice"}"#)
            #expect(edited.0 == .ok && edited.1["comment"]?["editedAt"]?.string != nil)
            #expect(try await client.send(.delete, "/api/v1/projects/SHOP/comments/\(comment)", token: ada).0 == .noContent)
            let after = try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim).1["comments"]?[0]
            #expect(after?["body"] == .null && after?["deletedAt"]?.string != nil)
        }
    }

    @Test func textWithANULCharacterIsRefusedWholeAndAnEscapedBackslashIsKept() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim")
            let refused = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: #"{"body":"Seen\u0000 here"}"#)
            #expect(refused.0 == .badRequest && refused.1["type"]?.string == "urn:casebook:problem:malformed-body")
            #expect(refused.1["detail"]?.string?.contains(#"NUL character (\u0000 at byte 14)"#) == true)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim).1["comments"]?.array?.isEmpty == true)
            // `\\u0000` is a backslash and the text u0000: stored and read back whole.
            let kept = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/comments", token: tim, json: #"{"body":"C:\\u0000 and \\\u0041"}"#)
            #expect(kept.0 == .created && kept.1["comment"]?["body"]?.string == #"C:\u0000 and \A"#)
        }
    }

    @Test func findsNULEscapesOnlyWhereTheBackslashStartsAnEscape() {
        func check(_ json: String) -> Bool { Array(json.utf8).withUnsafeBytes(JSONBody.nulEscape) != nil }
        #expect(check(#"{"a":"\u0000"}"#))
        #expect(check(#"["x\"\u0000"]"#))
        #expect(!check(#"{"a":"\\u0000"}"#))
        #expect(check(#"{"a":"\\\u0000"}"#))
        #expect(check(#"{"a":"\u0001 \u00000"}"#))  // \u0000, then the digit 0
        #expect(!check(#"{"a":"\u000"}"#))
        #expect(!check(#"\u000"#))
        #expect(!check(""))
        #expect(Array(#"["ab\u0000"]"#.utf8).withUnsafeBytes(JSONBody.nulEscape) == 4)
    }

    @Test func attachmentsRawAndMultipartDownloadSafely() async throws {
        let repo = try await ServedRepository()
        var options = repo.options
        options.attachmentLimit = 1024
        try await repo.test(options) { client in
            let tim = try await client.login("tim")
            let raw = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: "log line 1\n",
                headers: [.contentType: "text/plain", .contentDisposition: #"attachment; filename="../../etc/passwd""#])
            #expect(raw.0 == .unprocessableContent, "a path is not a file name")
            let uploaded = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=console%20%22log%22.txt", token: tim, json: "log line 1\n",
                headers: [.contentType: "text/plain"])
            #expect(
                uploaded.0 == .created && uploaded.1["attachment"]?["size"]?.int == 11
                    && uploaded.1["attachment"]?["fileName"]?.string == #"console "log".txt"#)
            let body =
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shot.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}PNG bytes\r\n--XyZ--\r\n"
            let multipart = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: body,
                headers: [.contentType: "multipart/form-data; boundary=XyZ"])
            #expect(
                multipart.0 == .created && multipart.1["attachment"]?["mediaType"]?.string == "image/png"
                    && multipart.1["attachment"]?["size"]?.int == 10)
            let same = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-102/attachments?name=again.txt", token: tim, json: "log line 1\n",
                headers: [.contentType: "text/plain"])
            #expect(same.1["attachment"]?["sha256"]?.string == uploaded.1["attachment"]?["sha256"]?.string)

            let id = uploaded.1["attachment"]?["id"]?.int ?? 0
            try await client.execute(uri: "/api/v1/projects/SHOP/attachments/\(id)", method: .get, headers: [.authorization: "Bearer \(tim)"]) {
                response in
                #expect(response.status == .ok && String(buffer: response.body) == "log line 1\n")
                #expect(response.headers[.contentType] == "text/plain")
                #expect(
                    response.headers[.contentDisposition] == #"attachment; filename="console _log_.txt"; filename*=UTF-8''console%20%22log%22.txt"#)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            }
            let listed = try await client.send(.get, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim).1["attachments"]?.array ?? []
            #expect(listed.count == 2)

            let large = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=big.bin", token: tim, json: String(repeating: "x", count: 2048),
                headers: [.contentType: "application/octet-stream"])
            #expect(large.0 == .contentTooLarge)
            let badType = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=a.bin", token: tim, json: "x", headers: [.contentType: "not a type"])
            #expect(badType.0 == .unprocessableContent && badType.1["field"]?.string == "mediaType")
            let markup = #"text/html; charset="<script>alert(1)</script>""#
            let quoted = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=a.txt", token: tim, json: "x", headers: [.contentType: markup])
            #expect(quoted.0 == .unprocessableContent && quoted.1["field"]?.string == "mediaType", "\(quoted.1)")
            let typed = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=a.txt", token: tim, json: "x",
                headers: [.contentType: "Text/Plain;charset=utf-8"])
            #expect(typed.0 == .created && typed.1["attachment"]?["mediaType"]?.string == "text/plain; charset=utf-8")
            let disguised = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments?name=invoice%E2%80%AEfdp.exe", token: tim, json: "x",
                headers: [.contentType: "application/pdf"])
            #expect(disguised.0 == .unprocessableContent && disguised.1["field"]?.string == "fileName")
            #expect(disguised.1["detail"]?.string?.contains("U+202E") == true)
            let noBoundary = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: body, headers: [.contentType: "multipart/form-data"])
            #expect(noBoundary.0 == .badRequest && noBoundary.1["detail"]?.string?.contains("boundary") == true)
            let noFile = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ--\r\n"
            let noFilePart = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: noFile,
                headers: [.contentType: "multipart/form-data; boundary=XyZ"])
            #expect(noFilePart.0 == .badRequest && noFilePart.1["detail"]?.string?.contains("no file part") == true)
            // Bodies that stopped the process (an empty part) or that end before their last part does.
            for (broken, says) in [
                ("--XyZ\r\n--XyZ--\r\n", "malformed"), ("--XyZ--\r\n", "no file part"), ("", "malformed"),
                ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhalf a fi", "closing delimiter"),
                ("--XyZ\r\nContent-Disposition form-data\r\n\r\nx\r\n--XyZ--\r\n", "malformed"),
                // A header name past ASCII stopped the process inside multipart-kit (found by make fuzz).
                ("--XyZ\r\nContent-Disposition\u{E9}: form-data; filename=\"a\"\r\n\r\nx\r\n--XyZ--\r\n", "no file part"),
                ("preamble\r\n--XyZ\r\n\r\nno headers\r\n--XyZ--", "no file part"),
            ] {
                let answer = try await client.send(
                    .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: broken,
                    headers: [.contentType: "multipart/form-data; boundary=XyZ"])
                #expect(answer.0 == .badRequest && answer.1["detail"]?.string?.contains(says) == true, "\(broken.debugDescription): \(answer.1)")
            }
            let longBoundary = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: body,
                headers: [.contentType: "multipart/form-data; boundary=\(String(repeating: "b", count: 71))"])
            #expect(longBoundary.0 == .badRequest && longBoundary.1["detail"]?.string?.contains("1 to 70") == true)
            let noName = try await client.send(
                .post, "/api/v1/projects/SHOP/cases/SHOP-101/attachments", token: tim, json: "x", headers: [.contentType: "text/plain"])
            #expect(noName.0 == .unprocessableContent)
            let viv = try await client.login("viv")
            #expect(try await client.send(.delete, "/api/v1/projects/SHOP/attachments/\(id)", token: viv).0 == .forbidden)
            #expect(try await client.send(.delete, "/api/v1/projects/SHOP/attachments/\(id)", token: tim).0 == .noContent)
            #expect(try await client.send(.get, "/api/v1/projects/SHOP/attachments/\(id)", token: tim).0 == .notFound)
        }
    }
}
