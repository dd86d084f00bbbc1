import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The sample repository committed into a fresh git repository (in its folder `shop/`), a
/// sidecar database file with one user of each role, and the server's application over both,
/// for tests of the HTTP API.
struct ServedRepository {
    let fixture: GitFixture
    /// The first commit: the sample repository as it is.
    let first: String
    /// Holds the database file and its attachments.
    let databaseFolder: TemporaryDirectory

    var casesPath: String { fixture.path + "/shop" }
    var databasePath: String { databaseFolder.path + "/casebook.sqlite" }

    /// The users in the database: username → (role, password).
    static let users: [(String, Role, String)] = [
        ("ada", .admin, "admin password"), ("tim", .tester, "tester password"), ("viv", .viewer, "viewer password"),
    ]

    init() async throws {
        fixture = try GitFixture()
        let sample = FixtureFiles.packageRoot() + "/sample-repo"
        try fixture.write(Dictionary(uniqueKeysWithValues: try FixtureFiles.read(sample).map { ("shop/" + $0.key, $0.value) }))
        first = try fixture.commit("Import the sample repository")
        databaseFolder = try TemporaryDirectory()
        let database = try AppDatabase.open(path: databaseFolder.path + "/casebook.sqlite", passwords: PasswordPolicy(cost: 4))
        for (username, role, password) in Self.users {
            _ = try await database.addUser(.init(username: username, role: role, password: password), by: .commandLine)
        }
    }

    /// The server's options for this repository: no polling, anonymous reads, cheap bcrypt.
    var options: ServerOptions {
        ServerOptions(
            projects: [ProjectSource(path: casesPath)], pollInterval: nil, logLevel: .error, database: databasePath, anonymousRead: true,
            passwords: PasswordPolicy(cost: 4))
    }

    /// Adds branch `name`: a history of its own, whose one commit holds no case repository.
    func commitUnrelatedBranch(_ name: String) throws {
        try fixture.write(["elsewhere.txt": "x\n"])
        try fixture.git("checkout", "-q", "--orphan", name)
        try fixture.git("rm", "-rq", "--cached", ".")
        try fixture.git("add", "elsewhere.txt")
        try fixture.git("-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-qm", "Unrelated history")
        try fixture.git("checkout", "-q", "-f", "main")
    }

    /// Runs `test` with a client of the application serving this repository with `options`:
    /// through the router, or over a socket with `.live` (where requests come from 127.0.0.1).
    func test(
        _ options: ServerOptions? = nil, _ setup: TestingSetup = .router, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = try await buildApplication(options ?? self.options)
        try await app.test(setup, test)
    }
}

/// The response's body as JSON.
func json(_ response: TestResponse) throws -> JSONValue {
    try JSONValue(parsing: String(buffer: response.body))
}

extension TestClientProtocol {
    /// Signs in and answers the bearer token.
    func login(_ username: String) async throws -> String {
        let password = try #require(ServedRepository.users.first { $0.0 == username }?.2)
        let (status, body, _) = try await send(.post, "/api/v1/auth/login", json: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(status == .ok)
        return try #require(body["token"]?.string)
    }

    /// Sends `json` (or no body) with `token` and answers the status, the body as JSON and the headers.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers: HTTPFields = [:]) async throws -> (
        HTTPResponse.Status, JSONValue, HTTPFields
    ) {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let body = response.body.readableBytes == 0 ? JSONValue.null : try JSONValue(parsing: String(buffer: response.body))
            return (response.status, body, response.headers)
        }
    }

    /// Refreshes project `key` with a token that writes, and answers the body.
    func refresh(_ key: String = "SHOP") async throws -> JSONValue {
        let token = try await login("tim")
        let (status, body, _) = try await send(.post, "/api/v1/projects/\(key)/refresh", token: token)
        #expect(status == .ok)
        return body
    }

    /// GETs `uri` and answers the status and the body as JSON (`null` when there is no body).
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, JSONValue, HTTPFields) {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            let body = response.body.readableBytes == 0 ? JSONValue.null : try json(response)
            return (response.status, body, response.headers)
        }
    }
}
