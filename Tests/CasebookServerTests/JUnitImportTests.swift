import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CasebookServer

@Suite struct JUnitImportTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: FixtureFiles.packageRoot() + "/Tests/CasebookServerTests/Fixtures/junit/\(name)", encoding: .utf8)
    }

    /// Posts a report to the run's JUnit route.
    static func post(_ client: some TestClientProtocol, _ token: String, run: Int, _ xml: String, device: String? = "chrome-desktop") async throws
        -> (HTTPResponse.Status, JSONValue)
    {
        let uri = "/api/v1/projects/SHOP/runs/\(run)/results/junit" + (device.map { "?device=\($0)" } ?? "")
        let (status, body, _) = try await client.send(.post, uri, token: token, json: xml, headers: [.contentType: "application/xml"])
        return (status, body)
    }

    /// Each producer's shape, mapped by automation.ref (with and without package prefixes and
    /// `()`), by a casebook.id property, and by a case id in the name.
    @Test(arguments: [
        ("surefire.xml", ["SHOP-101": "passed", "SHOP-102": "failed", "SHOP-103": "skipped"], ["com.shop.AuthTests.testLegacyLogin"]),
        ("pytest.xml", ["SHOP-138": "passed", "SHOP-139": "failed"], ["tests.api.test_misc.test_healthcheck"]),
        ("xctest.xml", ["SHOP-141": "passed", "SHOP-140": "failed", "SHOP-137": "passed"], []),
    ])
    func producersShapes(file: String, expected: [String: String], unmatched: [String]) async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token, plan: "PLAN-R24")
            let (status, body) = try await Self.post(client, token, run: run, try Self.fixture(file))
            #expect(status == .ok)
            let matched = Dictionary(
                uniqueKeysWithValues: (body["matched"]?.array ?? []).map { ($0["case"]?.string ?? "", $0["status"]?.string ?? "") })
            #expect(matched == expected)
            #expect(body["unmatched"]?.array?.compactMap(\.string) == unmatched)
            #expect(body["missing"]?.array?.isEmpty == false)
            let executions =
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?status=failed", token: token).1["executions"]?.array ?? []
            #expect(executions.allSatisfy { $0["device"]?.string == "chrome-desktop" })
            #expect(executions.compactMap { $0["case"]?.string }.sorted() == expected.filter { $0.value == "failed" }.keys.sorted())
            let notes = executions.first?["notes"]?.string ?? ""
            #expect(!notes.isEmpty)
        }
    }

    @Test func timesAndFailureTextAreKept() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token, plan: "PLAN-R24")
            _ = try await Self.post(client, token, run: run, try Self.fixture("surefire.xml"))
            let failed = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?case=SHOP-102&status=failed", token: token).1[
                "executions"]?[0]
            #expect(failed?["duration"]?.number == 0.12)
            #expect(failed?["notes"]?.string?.hasPrefix("Connection refused\njava.net.ConnectException: Connection refused") == true)
        }
    }

    @Test func malformedReportsAre400WithTheLine() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token, plan: "PLAN-R24")
            let (status, body) = try await Self.post(client, token, run: run, "<testsuite>\n<testcase name=\"a\">\n</testsuite>\n")
            #expect(status == .badRequest && body["line"]?.string == "3" && body["detail"]?.string?.hasPrefix("line 3, column") == true)
            let notJUnit = try await Self.post(client, token, run: run, "<html><body/></html>")
            #expect(notJUnit.0 == .badRequest && notJUnit.1["detail"]?.string?.contains("root element must be <testsuites> or <testsuite>") == true)
            // An element name that is not UTF-8 stopped the process inside FoundationXML (found by make fuzz).
            let latin1Name = Array("<testsuites><t".utf8) + [0xE5] + Array("stsuite/></testsuites>".utf8)
            try await client.execute(
                uri: "/api/v1/projects/SHOP/runs/\(run)/results/junit?device=chrome-desktop", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/xml"], body: ByteBuffer(bytes: latin1Name)
            ) { response in
                let body = try json(response)
                #expect(response.status == .badRequest)
                #expect(body["detail"]?.string == "line 1, column 15: the report is not UTF-8 and declares no other encoding")
            }
            // NUL bytes stopped it too, in a report of any declared encoding.
            for declaration in ["", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"] {
                let withNUL = Array((declaration + "<testsuite><testcase name=\"a").utf8) + [0, 0] + Array("\"/></testsuite>".utf8)
                try await client.execute(
                    uri: "/api/v1/projects/SHOP/runs/\(run)/results/junit?device=chrome-desktop", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/xml"], body: ByteBuffer(bytes: withNUL)
                ) { response in
                    let body = try json(response)
                    #expect(response.status == .badRequest)
                    #expect(body["detail"]?.string?.hasSuffix("column 29: the report holds a NUL byte, which XML does not allow") == true, "\(body)")
                }
            }
            // A processing instruction without data made it read a null string (found by make fuzz);
            // a document type declaration is refused with it. Inside a CDATA section either is text.
            for (report, says) in [
                ("<?xml version=\"1.0\"?>\n<testsuite>\n  <?t?><testcase name=\"a\"/></testsuite>", "line 3, column 3: a processing instruction"),
                ("<!DOCTYPE x [<!ENTITY e \"e\">]>\n<testsuite/>", "line 1, column 1: a document type declaration"),
            ] {
                let refused = try await Self.post(client, token, run: run, report)
                #expect(refused.0 == .badRequest && refused.1["detail"]?.string?.hasPrefix(says) == true, "\(refused.1)")
            }
            let cdata = try await Self.post(
                client, token, run: run,
                "<testsuite><testcase name=\"b\"><system-out><![CDATA[<?php <!DOCTYPE ]]></system-out></testcase><!-- <?x?> --></testsuite>")
            #expect(cdata.0 == .ok, "\(cdata.1)")
            // The same byte in a report that declares its encoding is read.
            let declared =
                Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<testsuite><testcase name=\"caf".utf8) + [0xE9]
                + Array("\"/></testsuite>".utf8)
            try await client.execute(
                uri: "/api/v1/projects/SHOP/runs/\(run)/results/junit?device=chrome-desktop", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/xml"], body: ByteBuffer(bytes: declared)
            ) { response in
                let body = try json(response)
                #expect(response.status == .ok)
                #expect(body["unmatched"]?.array?.first?.string == "caf\u{E9}")
            }
            let notXML = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results/junit", token: token, json: "{}")
            #expect(notXML.0 == .unsupportedMediaType)
            let noDevice = try await Self.post(client, token, run: run, try Self.fixture("pytest.xml"), device: nil)
            #expect(
                noDevice.0 == .unprocessableContent
                    && noDevice.1["detail"]?.string == "run \(run) runs its cases on chrome-desktop, safari-mac: give ?device= one of them")
            let typo = try await Self.post(client, token, run: run, try Self.fixture("pytest.xml"), device: "chrome-desk")
            #expect(typo.0 == .unprocessableContent && typo.1["detail"]?.string?.contains("(did you mean 'chrome-desktop'?)") == true)
            let progress = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)", token: token).1["progress"]
            #expect(progress?["statuses"]?["untested"]?.int == progress?["total"]?.int, "nothing recorded by refused imports")
        }
    }

    /// Automated cases without a result are those of the run still untested on the device, so a
    /// second report of one import counts what the first recorded.
    @Test func missingCountsTheRunNotTheReport() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token, plan: "PLAN-R24")
            let first = try await Self.post(client, token, run: run, try Self.fixture("surefire.xml")).1["missing"]?.array?.compactMap(\.string) ?? []
            let second = try await Self.post(client, token, run: run, try Self.fixture("pytest.xml")).1["missing"]?.array?.compactMap(\.string) ?? []
            #expect(!first.contains("SHOP-101") && first.contains("SHOP-138"))
            #expect(second == first.filter { !["SHOP-138", "SHOP-139"].contains($0) }, "\(first) then \(second)")
            let otherDevice =
                try await Self.post(client, token, run: run, "<testsuite/>", device: "safari-mac").1["missing"]?.array?.compactMap(\.string) ?? []
            #expect(otherDevice.contains("SHOP-101"), "results on chrome-desktop are not results on safari-mac")
        }
    }
}
