import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

/// The sample repository committed into a fresh git repository (in its folder `shop/`), and the
/// server's application over it, for tests of the HTTP API.
struct ServedRepository {
    let fixture: GitFixture
    /// The first commit: the sample repository as it is.
    let first: String

    var casesPath: String { fixture.path + "/shop" }

    init() throws {
        fixture = try GitFixture()
        let sample = FixtureFiles.packageRoot() + "/sample-repo"
        try fixture.write(Dictionary(uniqueKeysWithValues: try FixtureFiles.read(sample).map { ("shop/" + $0.key, $0.value) }))
        first = try fixture.commit("Import the sample repository")
    }

    /// Runs `test` with a client of the application serving this repository (no polling).
    func test(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(ServerOptions(projects: [ProjectSource(path: casesPath)], pollInterval: nil, logLevel: .error))
        try await app.test(.router, test)
    }
}

/// The response's body as JSON.
func json(_ response: TestResponse) throws -> JSONValue {
    try JSONValue(parsing: String(buffer: response.body))
}

extension TestClientProtocol {
    /// GETs `uri` and answers the status and the body as JSON (`null` when there is no body).
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, JSONValue, HTTPFields) {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            let body = response.body.readableBytes == 0 ? JSONValue.null : try json(response)
            return (response.status, body, response.headers)
        }
    }
}
