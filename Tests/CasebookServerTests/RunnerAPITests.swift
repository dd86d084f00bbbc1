import CasebookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ZIPFoundation

@testable import CasebookServer

/// The API of executing runs: runs made with options, assignees as a filter, bulk changes,
/// clones, a result's version and step results, and the run's report downloads.
@Suite struct RunnerAPITests {
    @Test func runsAreAssignedFilteredChangedInBulkAndCloned() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let body = #"{"plan":"PLAN-SMOKE","build":"3.0","devices":["pixel-8"],"assignees":["tim","ada"]}"#
            let (status, created, _) = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: body)
            let run = try #require(created["run"]?["id"]?.int)
            #expect(status == .created && created["run"]?["rerunOf"] == .null)
            let all = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token).1
            #expect(all["executions"]?.array?.allSatisfy { $0["device"]?.string == "pixel-8" && $0["version"]?.int == 0 } == true)
            let mine = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?assignee=me", token: token).1
            let mineCount = mine["total"]?.int ?? 0
            #expect(mineCount > 0 && mineCount < (all["total"]?.int ?? 0))
            #expect(mine["executions"]?[0]?["assignee"]?["username"]?.string == "tim")
            let (changed, answer, _) = try await client.send(
                .patch, "/api/v1/projects/SHOP/runs/\(run)/executions?assignee=me", token: token, json: #"{"status":"blocked","notes":"no device"}"#)
            #expect(changed == .ok && answer["updated"]?.int == mineCount)
            let unknown = try await client.send(.patch, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token, json: #"{"colour":"red"}"#)
            #expect(unknown.0 == .unprocessableContent)
            let nothing = try await client.send(.patch, "/api/v1/projects/SHOP/runs/\(run)/executions", token: token, json: #"{}"#)
            #expect(nothing.0 == .unprocessableContent)
            let rerun = try await client.send(
                .post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE","rerunOf":\#(run),"only":["blocked"]}"#)
            #expect(rerun.0 == .created && rerun.1["run"]?["total"]?.int == mineCount && rerun.1["run"]?["rerunOf"]?.int == run)
            let badOnly = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE","only":["failed"]}"#)
            #expect(badOnly.0 == .unprocessableContent)
            let clone = try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/clone", token: token, json: #"{"build":"3.1"}"#)
            #expect(clone.0 == .created && clone.1["run"]?["total"]?.int == all["total"]?.int && clone.1["run"]?["build"]?.string == "3.1")
        }
    }

    @Test func aResultCarriesItsVersionAndStepResults() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let tim = try await client.login("tim"), ada = try await client.login("ada")
            let run = try await RunsAPITests.createRun(client, tim)
            let id = try #require(
                try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?limit=1", token: tim).1["executions"]?[0]?["id"]?.int)
            let path = "/api/v1/projects/SHOP/runs/\(run)/executions/\(id)"
            let body = #"{"status":"failed","version":0,"steps":[{"status":"passed"},null,{"status":"failed","note":"spinner forever"}]}"#
            let (status, recorded, _) = try await client.send(.put, path, token: tim, json: body)
            #expect(status == .ok && recorded["execution"]?["version"]?.int == 1)
            #expect(
                recorded["execution"]?["steps"]?[2]?["note"]?.string == "spinner forever" && recorded["execution"]?["steps"]?[1]?["status"] == .null)
            let (conflict, problem, _) = try await client.send(.put, path, token: ada, json: #"{"status":"passed","version":0}"#)
            #expect(conflict == .conflict && problem["detail"]?.string?.contains("recorded it as failed") == true)
            let badStep = try await client.send(.put, path, token: ada, json: #"{"status":"passed","steps":[{"status":"retest"}]}"#)
            #expect(badStep.0 == .unprocessableContent && badStep.1["detail"]?.string?.contains("unknown step status 'retest'") == true)
            // The bulk route keeps taking the members it took.
            let bulk = #"{"results":[{"case":"SHOP-129","device":"pixel-8","status":"passed","version":1}]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: tim, json: bulk).0 == .unprocessableContent)
        }
    }

    @Test func aRunsReportDownloadsAsCSVJUnitAndMarkdown() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            let run = try await RunsAPITests.createRun(client, token)
            let results =
                #"{"results":[{"case":"SHOP-129","device":"pixel-8","status":"failed","notes":"=cmd|' /C calc'!A0, \"quoted\"","defects":["SHOP-9"]}]}"#
            #expect(try await client.send(.post, "/api/v1/projects/SHOP/runs/\(run)/results", token: token, json: results).0 == .ok)
            func download(_ format: String) async throws -> (HTTPFields, String) {
                try await client.execute(
                    uri: "/api/v1/projects/SHOP/runs/\(run)/report?format=\(format)", method: .get, headers: [.authorization: "Bearer \(token)"]
                ) {
                    ($0.headers, String(buffer: $0.body))
                }
            }
            let (csvHeaders, csv) = try await download("csv")
            #expect(csvHeaders[.contentType] == "text/csv; charset=utf-8" && csvHeaders[.contentDisposition]?.contains("run-\(run).csv") == true)
            let lines = csv.split(separator: "\r\n")
            let total = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(run)/executions?limit=1", token: token).1["total"]?.int ?? 0
            #expect(lines.first?.hasPrefix("execution,case,title,device") == true && lines.count == 1 + total)
            #expect(csv.contains(",failed,,tim,") && csv.contains("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\""), "a formula is defused, quotes doubled")
            let (_, junit) = try await download("junit")
            #expect(junit.hasPrefix("<?xml") && junit.hasSuffix("</testsuite>\n") && junit.contains("<failure message=\"=cmd|&apos;") == false)
            #expect(junit.contains("<failure message=") && junit.contains("<skipped message=\"untested\"/>") && junit.contains("defects: SHOP-9"))
            let (_, markdown) = try await download("markdown")
            #expect(markdown.contains("| failed | 1 |") && markdown.contains("- failed: SHOP-129"))
            #expect(try await download("pdf").1.contains("format"))
            // The workbook: a zip whose sheet holds every execution, the notes as text (never a formula).
            let workbook = try await client.execute(
                uri: "/api/v1/projects/SHOP/runs/\(run)/report?format=xlsx", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { ($0.headers, Data(buffer: $0.body)) }
            #expect(workbook.0[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(workbook.0[.contentDisposition]?.contains("run-\(run).xlsx") == true)
            let archive = try Archive(data: workbook.1, accessMode: .read)
            var sheet = Data()
            _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
            let xml = String(decoding: sheet, as: UTF8.self)
            #expect(xml.components(separatedBy: "<row ").count - 1 == 1 + total)
            #expect(
                xml.contains("<t xml:space=\"preserve\">=cmd|&apos;") == false
                    && xml.contains("<t xml:space=\"preserve\">=cmd|' /C calc'!A0, &quot;quoted&quot;</t>"))
        }
    }
}
