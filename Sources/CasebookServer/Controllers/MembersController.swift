import CasebookCore
import CasebookStore
import Hummingbird

/// `/projects/{key}/members`: who holds which role on a project, for its admins (and the
/// instance's). A user's first role on a project limits them to the projects they hold one on.
struct MembersController {
    let projects: ProjectRegistry
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.get("/projects/{key}/members", list)
        endpoints.put("/projects/{key}/members/{username}", grant)
        endpoints.delete("/projects/{key}/members/{username}", revoke)
    }

    struct Grant: JSONObjectBody {
        var role: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case role
        }
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        _ = try QueryParameters(request)
        let project = try projects.project(context.parameters.require("key"))
        let members = try await database.members(of: project.key, by: try context.requirePrincipal)
        return JSONResponse.read(request, [("members", .array(members.map(Self.member)))])
    }

    @Sendable func grant(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let project = try projects.project(context.parameters.require("key"))
        let role = try UsersController.role(try await JSONBody.decode(Grant.self, from: request).role)
        let username = try context.parameters.require("username")
        try await database.grant(username, role: role, on: project.key, by: try context.requirePrincipal)
        let user = try await database.user(named: username)
        return JSONResponse.make([("member", Self.member(.init(user: user, role: role)))])
    }

    @Sendable func revoke(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let project = try projects.project(context.parameters.require("key"))
        try await database.grant(try context.parameters.require("username"), role: nil, on: project.key, by: try context.requirePrincipal)
        return JSONResponse.noContent
    }

    private static func member(_ member: AppDatabase.Member) -> JSONText {
        .object([("user", AccountJSON.person(member.user)), ("role", .string(member.role.rawValue))])
    }
}
