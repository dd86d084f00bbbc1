import Foundation
import ZIPFoundation

/// A spreadsheet as an Office Open XML workbook (`.xlsx`): one sheet, a bold header row that
/// stays in view and filters, text cells that keep their line breaks, numbers as numbers.
/// Text is written inline (no shared-strings table), which Excel and LibreOffice both read.
///
/// Rows are appended a page at a time to the sheet, a file in a folder of its own; ``finish()``
/// zips the workbook from it. A workbook of a million rows is never whole in memory. The folder
/// goes when the workbook does. Its writes take turns (a lock), so tasks may hand it on.
package final class Workbook: @unchecked Sendable {
    /// A cell's value.
    package enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
    }

    private let sheetName: String
    private let columns: Int
    private let folder: URL
    private let sheet: FileHandle
    /// Rows written, the header's included; the sheet's writes are made holding `lock`.
    private var written = 0
    private let lock = NSLock()

    /// Starts a workbook whose sheet is `sheetName`, with the `header` row.
    package init(sheetName: String, header: [String]) throws {
        self.sheetName = sheetName
        columns = header.count
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("casebook-workbook-" + UUID().uuidString)
        let part = folder.appendingPathComponent(Self.sheetPath)
        // Only this user may read the run's texts while they are written.
        try FileManager.default.createDirectory(
            at: part.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: part.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        sheet = try FileHandle(forWritingTo: part)
        var start = Self.declaration + "<worksheet xmlns=\"\(Self.main)\">"
        start += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        start += "</sheetView></sheetViews><sheetData>"
        written = 1
        try sheet.write(contentsOf: Data((start + Self.row(1, header.map(Cell.text), style: 1)).utf8))
    }

    deinit {
        try? sheet.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Adds `rows` below those written.
    package func append(_ rows: [[Cell]]) throws {
        try lock.withLock {
            var out = ""
            for cells in rows {
                written += 1
                out += Self.row(written, cells, style: 2)
            }
            try sheet.write(contentsOf: Data(out.utf8))
        }
    }

    /// Closes the sheet and zips the workbook; answers its file, which lasts as long as this
    /// workbook.
    package func finish() throws -> URL {
        try lock.withLock {
            var end = "</sheetData>"
            if columns > 0 { end += "<autoFilter ref=\"A1:\(Self.column(columns - 1))\(written)\"/>" }
            try sheet.write(contentsOf: Data((end + "</worksheet>").utf8))
            try sheet.close()
        }
        let file = folder.appendingPathComponent("workbook.xlsx")
        let archive = try Archive(url: file, accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", Self.contentTypes), ("_rels/.rels", Self.packageRelationships), ("xl/workbook.xml", workbookPart),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelationships), ("xl/styles.xml", Self.styles),
        ]
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try archive.addEntry(with: Self.sheetPath, relativeTo: folder, compressionMethod: .deflate)
        return file
    }

    /// The workbook of `rows` below `header`, as bytes: for tables already in memory.
    package static func data(sheetName: String, header: [String], rows: [[Cell]]) throws -> Data {
        let workbook = try Workbook(sheetName: sheetName, header: header)
        try workbook.append(rows)
        return try Data(contentsOf: try workbook.finish())
    }

    private static let sheetPath = "xl/worksheets/sheet1.xml"

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private static let contentTypes =
        declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>"

    private static let packageRelationships =
        declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    private static let workbookRelationships =
        declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/></Relationships>"

    /// Style 1: the header (bold); style 2: text that wraps, top-aligned.
    private static let styles =
        declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    private var workbookPart: String {
        // Sheet names are at most 31 characters, without []:*?/\.
        let name = String(sheetName.filter { !"[]:*?/\\".contains($0) }.prefix(31))
        return Self.declaration + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relationships)\">"
            + "<sheets><sheet name=\"\(Self.escape(name.isEmpty ? "Sheet1" : name))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    }

    private static func row(_ number: Int, _ cells: [Cell], style: Int) -> String {
        var out = "<row r=\"\(number)\">"
        for (index, cell) in cells.enumerated() {
            let reference = column(index) + String(number)
            switch cell {
            case .text(let text) where text.isEmpty: continue
            case .text(let text):
                out += "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .number(let value) where value.isFinite:
                out += "<c r=\"\(reference)\"><v>\(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))</v></c>"
            case .number: continue
            }
        }
        return out + "</row>"
    }

    /// `A` for 0, `Z` for 25, `AA` for 26…
    static func column(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// `text` for XML: markup escaped, characters XML cannot hold left out, cut to the 32,767
    /// characters a cell holds.
    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(32_767) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
