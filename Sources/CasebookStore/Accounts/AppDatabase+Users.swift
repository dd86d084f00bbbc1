import Foundation
import GRDB

extension AppDatabase {
    /// What a new user is given.
    package struct NewUser: Sendable {
        package var username: String
        package var displayName: String
        package var email: String?
        package var department: String?
        package var role: Role
        package var password: String

        package init(username: String, displayName: String? = nil, email: String? = nil, department: String? = nil, role: Role, password: String) {
            self.username = username
            self.displayName = displayName ?? username
            self.email = email
            self.department = department
            self.role = role
            self.password = password
        }
    }

    /// Changes to a user; `nil` leaves a field as it is.
    package struct UserChanges: Sendable {
        package var displayName: String?
        package var email: String?
        package var department: String??
        package var role: Role?
        package var disabled: Bool?
        package var password: String?

        package init(
            displayName: String? = nil, email: String? = nil, department: String?? = nil, role: Role? = nil, disabled: Bool? = nil,
            password: String? = nil
        ) {
            self.displayName = displayName
            self.email = email
            self.department = department
            self.role = role
            self.disabled = disabled
            self.password = password
        }
    }

    /// Adds a user (admins only); a taken username is a conflict.
    package func addUser(_ new: NewUser, by principal: Principal, now: Date = Date()) async throws -> User {
        try principal.require(.admin)
        try Self.checkUsername(new.username)
        let displayName = try NameCheck.name(new.displayName, field: "displayName", what: "a display name")
        let policy = passwords
        let password = new.password
        let username = new.username
        let hash = try await offloaded { try policy.hash(password, for: username) }
        return try await writer.write { db in
            guard try User.filter(User.Columns.username == new.username).fetchCount(db) == 0 else {
                throw StoreError.conflict("a user '\(new.username)' already exists")
            }
            var user = User(
                id: nil, username: new.username, displayName: displayName, email: new.email,
                departmentId: try new.department.flatMap { try Self.departmentID(db, named: $0) }, role: new.role, passwordHash: hash,
                disabled: false, createdAt: now)
            try user.insert(db)
            try Self.audit(db, by: principal.userID, .create, .user, new.username, "role \(new.role.rawValue)", at: now)
            return user
        }
    }

    /// Every user, by username.
    package func users() async throws -> [User] {
        try await reader.read { db in try User.order(User.Columns.username.collating(.nocase)).fetchAll(db) }
    }

    /// The user with this username.
    package func user(named username: String) async throws -> User {
        try await reader.read { db in try Self.user(db, named: username) }
    }

    /// Applies `changes` to the user `username` (admins only, or the user changing their own
    /// display name, email or password).
    package func updateUser(_ username: String, _ changes: UserChanges, by principal: Principal, now: Date = Date()) async throws -> User {
        let ownProfile = changes.role == nil && changes.disabled == nil && changes.department == nil
        let current = try await user(named: username)
        if !(ownProfile && principal.userID == current.id && principal.canWrite) {
            try principal.require(.admin)
        }
        let policy = passwords
        let hash = try await changes.password.asyncMap { password in try await offloaded { try policy.hash(password, for: username) } }
        return try await writer.write { db in
            var user = try Self.user(db, named: username)
            var summary: [String] = []
            if let displayName = changes.displayName {
                user.displayName = try NameCheck.name(displayName, field: "displayName", what: "a display name")
                summary.append("display name")
            }
            if let email = changes.email { user.email = email.isEmpty ? nil : email; summary.append("email") }
            if let department = changes.department {
                user.departmentId = try department.flatMap { try Self.departmentID(db, named: $0) }
                summary.append("department \(department ?? "none")")
            }
            if let role = changes.role { summary.append("role \(user.role.rawValue) → \(role.rawValue)"); user.role = role }
            if let disabled = changes.disabled { user.disabled = disabled; summary.append(disabled ? "disabled" : "enabled") }
            if let hash { user.passwordHash = hash; summary.append("password") }
            if user.role != .admin || user.disabled, try Self.isLastActiveAdmin(db, user) {
                throw StoreError.conflict("\(username) is the last active admin; make another user an admin first")
            }
            try user.update(db)
            if changes.disabled == true || hash != nil, let id = user.id {
                // Signing everyone out of an account whose password changed or that was disabled.
                try db.execute(sql: "UPDATE session SET revokedAt = ? WHERE userId = ? AND revokedAt IS NULL", arguments: [now, id])
            }
            try Self.audit(db, by: principal.userID, .update, .user, username, summary.joined(separator: ", "), at: now)
            return user
        }
    }

    /// Whether `user`, as stored now, is the one active admin (a change to it would leave none).
    private static func isLastActiveAdmin(_ db: Database, _ user: User) throws -> Bool {
        let admins = try Int64.fetchAll(db, sql: "SELECT id FROM user WHERE role = 'admin' AND NOT disabled")
        return admins == [user.id ?? -1]
    }

    static func user(_ db: Database, named username: String) throws -> User {
        guard let user = try User.filter(User.Columns.username == username).fetchOne(db) else {
            throw StoreError.notFound(what: "user", id: username)
        }
        return user
    }

    private static func checkUsername(_ username: String) throws(StoreError) {
        let allowed = username.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)
        }
        guard !username.isEmpty, username.count <= 64, allowed else {
            throw .invalid("username", "'\(username)' is not a username; use 1 to 64 letters, digits, '.', '_', '-' or '@'")
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension AppDatabase {
    /// The users of `ids` (`nil`s passed over), for showing who did what.
    package func people(_ ids: some Sequence<Int64?>) async throws -> People {
        let keys = Set(ids.compactMap { $0 })
        guard !keys.isEmpty else { return People(users: [:]) }
        return try await reader.read { db in
            People(users: Dictionary(uniqueKeysWithValues: try User.fetchAll(db, keys: keys).compactMap { user in user.id.map { ($0, user) } }))
        }
    }

    /// Department names by id.
    package func departmentNames() async throws -> [Int64: String] {
        try await reader.read { db in
            Dictionary(uniqueKeysWithValues: try Department.fetchAll(db).compactMap { department in department.id.map { ($0, department.name) } })
        }
    }
}
