import Foundation
import GRDB

extension AppDatabase {
    /// Every department by name, with how many users it has.
    package func departments() async throws -> [(department: Department, users: Int)] {
        try await reader.read { db in
            let counts = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db, sql: "SELECT departmentId, count(*) FROM user WHERE departmentId IS NOT NULL GROUP BY departmentId"
                )
                .map { (row: Row) -> (Int64, Int) in (row[0], row[1]) })
            return try Department.order(Column("name").collating(.nocase)).fetchAll(db).map { ($0, counts[$0.id ?? 0] ?? 0) }
        }
    }

    /// Adds a department (admins only).
    package func addDepartment(_ name: String, by principal: Principal) async throws -> Department {
        try principal.require(.admin)
        let name = try Self.checkDepartmentName(name)
        return try await writer.write { db in
            guard try Department.filter(Column("name") == name).fetchCount(db) == 0 else {
                throw StoreError.conflict("a department '\(name)' already exists")
            }
            var department = Department(name: name)
            try department.insert(db)
            try Self.audit(db, by: principal.userID, .create, .department, name, "added")
            return department
        }
    }

    /// Renames a department (admins only).
    package func renameDepartment(_ name: String, to newName: String, by principal: Principal) async throws -> Department {
        try principal.require(.admin)
        let newName = try Self.checkDepartmentName(newName)
        return try await writer.write { db in
            var department = try Self.department(db, named: name)
            if newName.lowercased() != name.lowercased(), try Department.filter(Column("name") == newName).fetchCount(db) > 0 {
                throw StoreError.conflict("a department '\(newName)' already exists")
            }
            department.name = newName
            try department.update(db)
            try Self.audit(db, by: principal.userID, .update, .department, name, "renamed to \(newName)")
            return department
        }
    }

    /// Deletes a department (admins only); its users keep their accounts without a department.
    package func deleteDepartment(_ name: String, by principal: Principal) async throws {
        try principal.require(.admin)
        try await writer.write { db in
            let department = try Self.department(db, named: name)
            _ = try department.delete(db)
            try Self.audit(db, by: principal.userID, .delete, .department, name, "deleted")
        }
    }

    static func departmentID(_ db: Database, named name: String) throws -> Int64? {
        try department(db, named: name).id
    }

    private static func department(_ db: Database, named name: String) throws -> Department {
        guard let department = try Department.filter(Column("name") == name).fetchOne(db) else {
            throw StoreError.notFound(what: "department", id: name)
        }
        return department
    }

    private static func checkDepartmentName(_ name: String) throws(StoreError) -> String {
        try NameCheck.name(name, field: "name", what: "a department name")
    }
}
