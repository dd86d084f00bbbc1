import Foundation
import Testing
import ZIPFoundation

@testable import CasebookCore

/// A workbook written a page of rows at a time: the sheet in a folder only its user reads, the
/// rows numbered across pages, the folder gone with the workbook.
@Suite struct WorkbookTests {
    @Test func pagesOfRowsMakeOneSheetAndLeaveNothingBehind() throws {
        var workbook: Workbook? = try Workbook(sheetName: "Run 7", header: ["execution", "notes"])
        for page in 0..<3 {
            try workbook?.append((1...2).map { [.number(Double(page * 2 + $0)), .text("note <\(page)>")] })
        }
        let file = try #require(try workbook?.finish())
        let folder = file.deletingLastPathComponent()
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let archive = try Archive(url: file, accessMode: .read)
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.components(separatedBy: "<row ").count - 1 == 7 && xml.contains("<row r=\"7\"><c r=\"A7\"><v>6</v></c>"))
        #expect(xml.contains("note &lt;2&gt;") && xml.hasSuffix("<autoFilter ref=\"A1:B7\"/></worksheet>"))
        #expect(archive["xl/workbook.xml"] != nil && archive["[Content_Types].xml"] != nil)
        workbook = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
