import CasebookCore
import CasebookStore
import Hummingbird

/// `GET /projects/{key}/diff?base=…&head=…`: what changed between two revisions, as
/// `casebook diff --format json` prints it.
struct DiffController {
    let projects: ProjectRegistry

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects/{key}/diff", diff)
    }

    @Sendable func diff(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let parameters = try QueryParameters(request, accepting: ["base", "head"])
        let project = try projects.project(context.parameters.require("key"))
        guard let baseRevision = parameters.string("base"), !baseRevision.isEmpty else {
            throw Problem.badParameter("base", "base is required: the branch, tag or commit to compare with, like ?base=main")
        }
        let headRevision = parameters.string("head") ?? parameters.ref
        let base = try await project.snapshot(at: baseRevision)
        let head = try await project.snapshot(at: headRevision)
        let version = base.commit.id + ".." + head.commit.id
        if let notModified = SnapshotResponse.notModified(request, version: version) { return notModified }
        let changes = try await offloaded { SnapshotDiff(from: base.snapshot, to: head.snapshot).jsonMembers }
        return SnapshotResponse.json(request, version: version) {
            [
                ("base", .object([("ref", .string(baseRevision)), ("commit", base.commitJSON)])),
                ("head", .object([("ref", .optional(headRevision)), ("commit", head.commitJSON)])),
            ] + changes
        }
    }
}
