import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

/// `casebook export cases`: CSV, Markdown and a workbook LibreOffice reads back to the same rows,
/// the case list's filters, and an export that imports again as the same cases.
@Suite struct ExportCasesTests {
    static let sampleRepo = FixtureFiles.packageRoot() + "/sample-repo"

    /// The rows of a CSV file, each field as it was before a formula guard.
    static func rows(_ csv: Data) throws -> [[String]] {
        let table = try DelimitedText(parsing: csv, file: "export.csv")
        return [table.header] + table.rows.map { $0.map(CSVText.unguarded) }
    }

    @Test func csvAndMarkdownHoldEveryCaseAndTheFiltersNarrowThem() throws {
        let csv = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo])
        #expect(csv.status == 0, "\(csv.errors)")
        let rows = try Self.rows(Data(csv.output.utf8))
        #expect(Array(rows[0].prefix(13)) == CaseTable.caseColumns)
        let listed = try CommandLineTests.casebook(["list", Self.sampleRepo]).output
        #expect(rows.count - 1 == listed.split(separator: "\n").count { $0.contains(" SHOP-") })
        let shop101 = try #require(rows.first { $0[0] == "SHOP-101" })
        #expect(shop101[1] == "Sign in with email and password" && shop101[2] == "account/sign-in" && shop101[7] == "smoke, auth")
        #expect(shop101[11].hasPrefix("1. ") && shop101[11].contains("\n2. "), "steps as numbered lines, shared steps expanded")

        let filtered = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo, "--priority", "critical", "--tag", "smoke"])
        let critical = try Self.rows(Data(filtered.output.utf8)).dropFirst()
        #expect(!critical.isEmpty && critical.allSatisfy { $0[3] == "critical" && $0[7].contains("smoke") })

        let markdown = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo, "--format", "markdown", "--group", "checkout"])
        #expect(markdown.output.hasPrefix("| ID | Title | Group | Priority |"))
        #expect(markdown.output.contains("\n| SHOP-136 | Check out as a guest | checkout | critical | smoke | automated | carol |"))
        #expect(!markdown.output.contains("| SHOP-101 |"))

        let bad = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo, "--priority", "urgent"])
        #expect(bad.status == 2 && bad.errors.contains("--priority: 'urgent' is not a valid priority; priority accepts: critical, high"))
        let noField = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo, "--field", "colour=red"])
        #expect(noField.status == 2 && noField.errors.contains("--field: no custom field 'colour'"))
    }

    @Test func libreOfficeReadsTheWorkbookBackToTheSameRows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let made = try CommandLineTests.casebook(["export", "cases", Self.sampleRepo, "--format", "xlsx", "-o", folder.path + "/cases.xlsx"])
        #expect(made.status == 0, "\(made.errors)")
        let converted = try runProgram(
            "/usr/bin/libreoffice",
            [
                "--headless", "-env:UserInstallation=file://\(folder.path)/profile", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir", folder.path, folder.path + "/cases.xlsx",
            ])
        #expect(converted.status == 0, "\(converted.output)")
        let fromLibreOffice = try Self.rows(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/cases.csv")))
        let fromCSV = try Self.rows(Data(try CommandLineTests.casebook(["export", "cases", Self.sampleRepo]).output.utf8))
        #expect(fromLibreOffice.count == fromCSV.count)
        for (read, written) in zip(fromLibreOffice, fromCSV) { #expect(read == written) }
    }

    @Test func anExportImportsAgainAsTheSameCases() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let first = folder.path + "/first", second = folder.path + "/second"
        let fixtures = ImportCasesTests.fixtures
        for (file, format) in [("testrail-small.xml", "testrail-xml"), ("testlink.xml", "testlink-xml"), ("testrail.csv", "testrail-csv")] {
            let made = try ImportCasesTests.importing([fixtures + "/" + file, "--from", format, "--key", "ONE"], into: first)
            #expect(made.status == 0, "\(made.output)\(made.errors)")
        }
        let exported = try CommandLineTests.casebook(["export", "cases", first, "-o", folder.path + "/cases.csv"])
        #expect(exported.status == 0, "\(exported.errors)")
        let map = try CommandLineTests.casebook(["import", "cases", folder.path + "/cases.csv", "--from", "csv", "--print-map"])
        try Data(map.output.utf8).write(to: URL(fileURLWithPath: folder.path + "/map.yaml"))
        let imported = try ImportCasesTests.importing(
            [folder.path + "/cases.csv", "--from", "csv", "--map", folder.path + "/map.yaml", "--key", "TWO"], into: second)
        #expect(imported.status == 0, "\(imported.output)\(imported.errors)")
        #expect(imported.output.contains("The case repository validates clean.") || imported.output.contains("0 errors"), "\(imported.output)")

        // The same rows but for the ids: the second repository's source-id is the first's id.
        let before = try Self.rows(Data(try CommandLineTests.casebook(["export", "cases", first]).output.utf8))
        let after = try Self.rows(Data(try CommandLineTests.casebook(["export", "cases", second]).output.utf8))
        #expect(before.count == after.count && before.count == 7)
        let sourceColumn = try #require(after[0].firstIndex(of: "source-id"))
        let byID = Dictionary(uniqueKeysWithValues: before.dropFirst().map { ($0[0], $0) })
        for row in after.dropFirst() {
            let original = try #require(byID[row[sourceColumn]], "\(row)")
            for (index, name) in after[0].enumerated() where name != "ID" && name != "source-id" {
                #expect(row[index] == original[before[0].firstIndex(of: name) ?? 0], "\(name) of \(row[0])")
            }
        }
    }
}
