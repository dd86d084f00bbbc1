import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// What operations and tools read: liveness, readiness, Prometheus metrics and the OpenAPI document.
struct OperationsController {
    let projects: ProjectRegistry
    let metrics: ServerMetrics
    let storage: StorageHealth
    /// `/metrics` follows the rule of reads, or takes this token (`--metrics-token`).
    let auth: AuthMiddleware
    let metricsToken: String?

    func add(to endpoints: Endpoints) {
        endpoints.get("/health/live", live)
        endpoints.get("/health/ready", ready)
        endpoints.get("/metrics", exposition)
        endpoints.get("/openapi.yaml", openAPI)
    }

    @Sendable func live(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        json(.object([("status", .string("live"))]))
    }

    /// Ready once every project is served; `degraded`, with the reason, while a project's
    /// last good snapshot is served instead of its branch's commit, or while the database does
    /// not take writes (reads go on).
    @Sendable func ready(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let health = projects.all.map { ($0.key, $0.health) }
        let storageProblem = storage.problem
        let degraded = storageProblem != nil || health.contains { $0.1.lastError != nil }
        return json(
            .object([
                ("status", .string(degraded ? "degraded" : "ready")),
                ("database", .object([("writable", .bool(storageProblem == nil)), ("error", .optional(storageProblem))])),
                (
                    "projects",
                    .array(
                        health.map { key, health in
                            .object([
                                ("key", .string(key)), ("commit", .string(health.commit)),
                                ("lastPoll", .string(health.lastPoll.ISO8601Format())), ("error", .optional(health.lastError)),
                            ])
                        })
                ),
            ]))
    }

    @Sendable func exposition(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let presented = request.headers[.authorization].map { Array($0.utf8) } ?? []
        if !(metricsToken.map { HMAC.constantTimeEqual(presented, Array("Bearer \($0)".utf8)) } ?? false) {
            _ = try await auth.principal(of: request)
        }
        let text = metrics.exposition(projects: projects.all)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func openAPI(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
    }

    private func json(_ body: JSONText) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(json: body))
    }
}
