import CasebookCore
import CasebookStore
import Hummingbird

/// `/users` and `/departments`: accounts, managed by admins.
struct UsersController {
    let database: AppDatabase

    func add(to endpoints: Endpoints) {
        endpoints.get("/users", list)
        endpoints.post("/users", create)
        endpoints.get("/users/{username}", show)
        endpoints.patch("/users/{username}", update)
        endpoints.get("/departments", departments)
        endpoints.post("/departments", createDepartment)
        endpoints.patch("/departments/{name}", renameDepartment)
        endpoints.delete("/departments/{name}", deleteDepartment)
    }

    struct NewUser: JSONObjectBody {
        var username: String
        var displayName: String?
        var email: String?
        var department: String?
        var role: String
        var password: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case username, displayName, email, department, role, password
        }
    }

    /// A partial update: keys left out stay as they are; `"department": null` clears it.
    struct UserChanges: JSONObjectBody {
        var displayName: String?
        var email: String?
        var department: String??
        var role: String?
        var disabled: Bool?
        var password: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Only a department is cleared by null: null for another would read as "left out".
            if let key = CodingKeys.allCases.first(where: { $0 != .department && container.contains($0) }), try container.decodeNil(forKey: key) {
                throw Problem.invalidValue(key.rawValue, "\(key.rawValue) cannot be null; leave it out to keep it as it is")
            }
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            email = try container.decodeIfPresent(String.self, forKey: .email)
            department = container.contains(.department) ? .some(try container.decodeIfPresent(String.self, forKey: .department)) : .none
            role = try container.decodeIfPresent(String.self, forKey: .role)
            disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled)
            password = try container.decodeIfPresent(String.self, forKey: .password)
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case displayName, email, department, role, disabled, password
        }
    }

    struct DepartmentName: JSONObjectBody {
        var name: String

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
        }
    }

    @Sendable func list(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let users = try await database.users()
        let departments = try await database.departmentNames()
        return JSONResponse.read(request, [("users", .array(users.map { AccountJSON.user($0, departments: departments) }))])
    }

    @Sendable func create(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let body = try await JSONBody.decode(NewUser.self, from: request)
        let user = try await database.addUser(
            .init(
                username: body.username, displayName: body.displayName, email: body.email, department: body.department,
                role: try Self.role(body.role), password: body.password),
            by: principal)
        return JSONResponse.make(.created, [("user", AccountJSON.user(user, department: body.department))])
    }

    @Sendable func show(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let username = try context.parameters.require("username")
        if try context.requirePrincipal.username.lowercased() != username.lowercased() { try Self.requireAdmin(context) }
        let user = try await database.user(named: username)
        let departments = try await database.departmentNames()
        return JSONResponse.read(request, [("user", AccountJSON.user(user, departments: departments))])
    }

    @Sendable func update(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let body = try await JSONBody.decode(UserChanges.self, from: request)
        let changes = AppDatabase.UserChanges(
            displayName: body.displayName, email: body.email, department: body.department, role: try body.role.map(Self.role),
            disabled: body.disabled,
            password: body.password)
        let user = try await database.updateUser(try context.parameters.require("username"), changes, by: principal)
        let departments = try await database.departmentNames()
        return JSONResponse.make([("user", AccountJSON.user(user, departments: departments))])
    }

    @Sendable func departments(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let departments = try await database.departments()
        return JSONResponse.read(request, [("departments", .array(departments.map { AccountJSON.department($0.department, users: $0.users) }))])
    }

    @Sendable func createDepartment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let department = try await database.addDepartment(try await JSONBody.decode(DepartmentName.self, from: request).name, by: principal)
        return JSONResponse.make(.created, [("department", AccountJSON.department(department, users: 0))])
    }

    @Sendable func renameDepartment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal
        let newName = try await JSONBody.decode(DepartmentName.self, from: request).name
        let department = try await database.renameDepartment(try context.parameters.require("name"), to: newName, by: principal)
        let users = try await database.departments().first { $0.department.id == department.id }?.users ?? 0
        return JSONResponse.make([("department", AccountJSON.department(department, users: users))])
    }

    @Sendable func deleteDepartment(_ request: Request, context: CasebookRequestContext) async throws -> Response {
        try await database.deleteDepartment(try context.parameters.require("name"), by: try context.requirePrincipal)
        return JSONResponse.noContent
    }

    /// Reading accounts (with their email addresses) is for admins.
    private static func requireAdmin(_ context: CasebookRequestContext) throws {
        let principal = try context.requirePrincipal
        guard principal.role == .admin else {
            throw Problem(StoreError.forbidden("this needs the role admin; \(principal.username) is \(principal.role.rawValue)"))
        }
    }

    static func role(_ text: String) throws(Problem) -> Role {
        guard let role = Role(rawValue: text) else {
            throw .invalidValue("role", "unknown role '\(text)'; roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }
}
