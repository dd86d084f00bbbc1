import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// Comments on cases, runs and executions, and attachments on those and on comments.
struct DiscussionController {
    let projects: ProjectRegistry
    let database: AppDatabase
    /// The largest attachment taken, in bytes (413 past it).
    let attachmentLimit: Int

    /// The path of each kind of target below `/projects/{key}`.
    private static let targets: [(Target.Kind, String)] = [
        (.case, "/cases/{id}"), (.run, "/runs/{run}"), (.execution, "/runs/{run}/executions/{execution}"), (.comment, "/comments/{comment}"),
    ]

    func add(to endpoints: Endpoints) {
        for (kind, path) in Self.targets {
            if kind != .comment {
                endpoints.get("/projects/{key}\(path)/comments", comments)
                endpoints.post("/projects/{key}\(path)/comments", addComment)
            }
            endpoints.get("/projects/{key}\(path)/attachments", attachments)
            endpoints.post("/projects/{key}\(path)/attachments", upload)
        }
        endpoints.patch("/projects/{key}/comments/{comment}", editComment)
        endpoints.delete("/projects/{key}/comments/{comment}", deleteComment)
        endpoints.get("/projects/{key}/attachments/{attachment}", download)
        endpoints.delete("/projects/{key}/attachments/{attachment}", deleteAttachment)
    }

    struct CommentBody: JSONObjectBody {
        var body: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case body
        }
    }

    @Sendable func comments(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let page = try QueryParameters(request, accepting: ["limit", "cursor"]).page(defaultLimit: 100)
        let (project, target) = try await self.target(context)
        let comments = try await database.comments(on: target, project: project.key, page: page)
        let people = try await database.people(comments.rows.map(\.authorId))
        return JSONResponse.read(request, PageJSON.members(comments, "comments") { DiscussionJSON.comment($0, people: people) })
    }

    @Sendable func addComment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let (project, target) = try await self.target(context)
        let body = try await JSONBody.decode(CommentBody.self, from: request).body
        let comment = try await database.addComment(body, on: target, project: project.key, by: principal)
        return JSONResponse.make(.created, [("comment", DiscussionJSON.comment(comment, people: try await database.people([comment.authorId])))])
    }

    @Sendable func editComment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        let body = try await JSONBody.decode(CommentBody.self, from: request).body
        let comment = try await database.editComment(try context.parameters.requireID("comment"), body: body, project: project.key, by: principal)
        return JSONResponse.make([("comment", DiscussionJSON.comment(comment, people: try await database.people([comment.authorId])))])
    }

    @Sendable func deleteComment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        try await database.deleteComment(try context.parameters.requireID("comment"), project: project.key, by: principal)
        return JSONResponse.noContent
    }

    @Sendable func attachments(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let page = try QueryParameters(request, accepting: ["limit", "cursor"]).page(defaultLimit: 100)
        let (project, target) = try await self.target(context)
        let attachments = try await database.attachments(of: target, project: project.key, page: page)
        let people = try await database.people(attachments.rows.map(\.uploadedById))
        return JSONResponse.read(
            request, PageJSON.members(attachments, "attachments") { DiscussionJSON.attachment($0, project: project.key, people: people) })
    }

    /// Takes the file as the raw body (its name in `?name=` or `Content-Disposition`, its media
    /// type in `Content-Type`) or as the file part of a `multipart/form-data` body.
    @Sendable func upload(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let parameters = try QueryParameters(request, accepting: ["name"])
        let (project, target) = try await self.target(context)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > attachmentLimit { throw tooLarge }
        let bytes: [UInt8]
        do {
            bytes = Array(buffer: try await request.body.collect(upTo: attachmentLimit))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
        let contentType = request.headers[.contentType] ?? "application/octet-stream"
        var file: (name: String?, mediaType: String, bytes: [UInt8])
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = ContentDisposition.parameter("boundary", of: contentType) else {
                throw Problem.malformedBody("a multipart/form-data body needs a boundary parameter in Content-Type")
            }
            let part = try MultipartFile(bytes, boundary: boundary)
            file = (part.fileName, part.mediaType, part.bytes)
        } else {
            file = (parameters.string("name") ?? request.headers[.contentDisposition].flatMap(ContentDisposition.fileName), contentType, bytes)
        }
        guard let name = file.name else {
            throw Problem.invalidValue(
                "name", "give the file name in ?name=, in Content-Disposition: attachment; filename=\"…\", or upload multipart/form-data")
        }
        let mediaType = try Self.mediaType(file.mediaType)
        let attachment = try await database.attach(file.bytes, fileName: name, mediaType: mediaType, to: target, project: project.key, by: principal)
        let people = try await database.people([attachment.uploadedById])
        return JSONResponse.make(.created, [("attachment", DiscussionJSON.attachment(attachment, project: project.key, people: people))])
    }

    @Sendable func download(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let project = try projects.project(context.parameters.require("key"))
        let attachment = try await database.attachment(try context.parameters.requireID("attachment"), project: project.key)
        let bytes = try database.attachments.read(attachment.sha256)
        let headers: HTTPFields = [
            .contentType: attachment.mediaType, .contentDisposition: ContentDisposition.attachment(attachment.fileName),
            .init("X-Content-Type-Options")!: "nosniff", .eTag: "\"\(attachment.sha256)\"", .cacheControl: "private, max-age=86400, immutable",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func deleteAttachment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let project = try projects.project(context.parameters.require("key"))
        try await database.deleteAttachment(try context.parameters.requireID("attachment"), project: project.key, by: principal)
        return JSONResponse.noContent
    }

    private var tooLarge: Problem {
        Problem(
            status: .contentTooLarge, kind: .httpError, title: "Attachment too large", detail: "attachments are limited to \(attachmentLimit) bytes")
    }

    /// The project and target the path names: a case of the served snapshot, or a run, an
    /// execution of that run, or a comment of the project.
    private func target(_ context: CasebookRequestContext) async throws -> (Project, Target) {
        let project = try projects.project(context.parameters.require("key"))
        let parameters = context.parameters
        if let comment = parameters.get("comment") { return (project, Target(.comment, comment)) }
        if let execution = parameters.get("execution") {
            let runID = try parameters.requireID("run")
            _ = try await database.execution(try parameters.requireID("execution"), run: runID, project: project.key)
            return (project, Target(.execution, execution))
        }
        if let run = parameters.get("run") { return (project, Target(.run, run)) }
        let id = try parameters.require("id")
        guard project.current.testCase(id) != nil else { throw Problem.notFound("case", id) }
        return (project, Target(.case, id))
    }

    /// The file's media type as it is stored and served again: `type/subtype`, lowercased, with
    /// parameters of the form `name=value` in RFC 9110 tokens only. A quoted value could carry
    /// anything into the `Content-Type` the file is downloaded with, so it is refused (422).
    private static func mediaType(_ text: String) throws(Problem) -> String {
        let token = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*^_`|~.+-"))
        func isToken(_ part: Substring) -> Bool { !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && token.contains($0) } }
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces)[...] }
        let essence = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        guard essence.count == 2, essence.allSatisfy(isToken) else {
            throw .invalidValue("mediaType", "'\(text)' is not a media type such as image/png")
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair.allSatisfy(isToken) else {
                throw .invalidValue("mediaType", "the media type's parameter '\(parameter)' is not name=value in letters, digits and !#$%&'*^_`|~.+-")
            }
        }
        return ([parts[0].lowercased()] + parts.dropFirst().map(String.init)).joined(separator: "; ")
    }
}
