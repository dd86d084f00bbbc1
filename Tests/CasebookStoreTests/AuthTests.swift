import CasebookStore
import Foundation
import GRDB
import Testing

@Suite struct AuthTests {
    @Test func tokensAreRandomAndStoredOnlyAsDigests() async throws {
        let store = try await StoreFixture()
        let login = try await store.database.login(username: "tim", password: "tester password", lifetime: .seconds(60), from: "127.0.0.1")
        #expect(login.token.text.hasPrefix("cbs_") && login.token.text.count == 47)
        let stored = try await store.database.reader.read { db in try Data.fetchAll(db, sql: "SELECT tokenDigest FROM session") }
        #expect(stored.contains(login.token.digest))
        let raw = try Data(contentsOf: URL(fileURLWithPath: store.folder.path + "/db/casebook.sqlite"))
        #expect(raw.range(of: Data(login.token.text.utf8)) == nil)
        let other = try await store.database.login(username: "tim", password: "tester password", lifetime: .seconds(60), from: "127.0.0.1")
        #expect(other.token != login.token)
    }

    @Test func wrongPasswordsUnknownUsersAndDisabledAccountsAreRefusedAlike() async throws {
        let store = try await StoreFixture()
        for (user, password) in [("tim", "wrong password"), ("nobody", "tester password")] {
            await #expect(throws: StoreError.unauthorized("wrong username or password, or the account is disabled")) {
                _ = try await store.database.login(username: user, password: password, lifetime: .seconds(60), from: "127.0.0.1")
            }
        }
        _ = try await store.database.updateUser("tim", .init(disabled: true), by: store.admin)
        await #expect(throws: StoreError.self) {
            _ = try await store.database.login(username: "tim", password: "tester password", lifetime: .seconds(60), from: "127.0.0.1")
        }
    }

    @Test func logoutExpiryAndDisablingTakeEffectAtOnce() async throws {
        let store = try await StoreFixture()
        let token = try await store.database.login(username: "tim", password: "tester password", lifetime: .seconds(60), from: "127.0.0.1").token.text
        let principal = try await store.database.authenticate(token)
        try await store.database.logout(principal)
        await #expect(throws: StoreError.unauthorized("this session was signed out; sign in again")) {
            _ = try await store.database.authenticate(token)
        }

        let expiring = try await store.database.login(username: "tim", password: "tester password", lifetime: .seconds(60), from: "127.0.0.1").token
            .text
        _ = try await store.database.authenticate(expiring, now: Date().addingTimeInterval(30))
        await #expect(throws: StoreError.unauthorized("this session expired; sign in again")) {
            _ = try await store.database.authenticate(expiring, now: Date().addingTimeInterval(61))
        }

        let api = try await store.database.createAPIToken(name: "ci", canWrite: true, by: store.tester).1.text
        _ = try await store.database.updateUser("tim", .init(disabled: true), by: store.admin)
        await #expect(throws: StoreError.unauthorized("the account of this token is disabled")) { _ = try await store.database.authenticate(api) }
    }

    @Test func apiTokenScopesAndRevocation() async throws {
        let store = try await StoreFixture()
        let (record, token) = try await store.database.createAPIToken(name: "dashboard", canWrite: false, by: store.tester)
        let reader = try await store.database.authenticate(token.text)
        #expect(reader.role == .tester && !reader.canWrite)
        await #expect(throws: StoreError.forbidden("this API token may only read; create one with the write scope")) {
            _ = try await store.database.createRun(
                project: "S", planID: "ALL", title: nil, build: nil, commit: "c1", snapshot: store.snapshot, by: reader)
        }
        _ = try await store.database.authenticate(token.text)
        #expect(try await store.database.apiTokens(by: store.tester).first?.lastUsedAt != nil)
        try await store.database.revokeAPIToken(try #require(record.id), by: store.tester)
        await #expect(throws: StoreError.unauthorized("this API token was revoked")) { _ = try await store.database.authenticate(token.text) }
        await #expect(throws: StoreError.unauthorized("the bearer token is malformed")) {
            _ = try await store.database.authenticate("Bearer nonsense")
        }
    }

    @Test func usersDepartmentsAndRoles() async throws {
        let store = try await StoreFixture()
        _ = try await store.database.addDepartment("QA", by: store.admin)
        await #expect(throws: StoreError.conflict("a department 'qa' already exists")) {
            _ = try await store.database.addDepartment("qa", by: store.admin)
        }
        await #expect(throws: StoreError.forbidden("this needs the role admin; tim is tester")) {
            _ = try await store.database.addDepartment("Dev", by: store.tester)
        }
        let viv = try await store.database.addUser(
            .init(username: "viv", email: "viv@example.com", department: "QA", role: .viewer, password: "viewer password"), by: store.admin)
        #expect(viv.departmentId != nil && viv.role == .viewer)
        await #expect(throws: StoreError.conflict("a user 'VIV' already exists")) {
            _ = try await store.database.addUser(.init(username: "VIV", role: .viewer, password: "viewer password"), by: store.admin)
        }
        await #expect(throws: StoreError.invalid("password", "a password needs at least 10 characters")) {
            _ = try await store.database.addUser(.init(username: "short", role: .viewer, password: "short"), by: store.admin)
        }
        await #expect(throws: StoreError.invalid("username", "'a b' is not a username; use 1 to 64 letters, digits, '.', '_', '-' or '@'")) {
            _ = try await store.database.addUser(.init(username: "a b", role: .viewer, password: "long enough password"), by: store.admin)
        }
        try await store.database.deleteDepartment("QA", by: store.admin)
        #expect(try await store.database.user(named: "viv").departmentId == nil)
        #expect(try await store.database.auditLog(by: store.admin).rows.map(\.action).prefix(3) == ["delete", "create", "create"])
    }

    @Test func passwordChangeSignsEveryoneOut() async throws {
        let store = try await StoreFixture()
        _ = try await store.database.updateUser("tim", .init(password: "a new tester password"), by: store.tester)
        await #expect(throws: StoreError.self) { _ = try await store.database.authenticate(store.testerToken) }
        _ = try await store.database.login(username: "tim", password: "a new tester password", lifetime: .seconds(60), from: "127.0.0.1")
    }
}
