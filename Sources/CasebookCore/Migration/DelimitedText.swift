import Foundation

/// A spreadsheet saved as CSV (RFC 4180: quoted fields may hold delimiters, quotes doubled and
/// line breaks), UTF-8 with or without a byte order mark, separated by commas, semicolons or
/// tabs (whichever the header row has most of). Hand-written rather than a package's: the
/// importer must say at which row and column a file is malformed, and CSV.swift and SwiftCSV
/// report no place (CSV.swift reads an unclosed quote to the end of the file without a word).
package struct DelimitedText: Sendable {
    /// The header row's fields.
    package var header: [String]
    /// The rows below the header, each as many fields as the header (blank rows left out).
    package var rows: [[String]]
    /// Each row's number as a spreadsheet shows it (the header is row 1).
    package var rowNumbers: [Int]

    /// Parses `data`, the file `file`.
    package init(parsing data: Data, file: String) throws(ImportError) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if String(validating: bytes, as: UTF8.self) == nil, let problem = UTF8Scan.firstStop(in: bytes, nul: false) {
            throw ImportError(
                SourceLocation(file: file, line: problem.line, column: problem.column),
                "the file is not UTF-8; save it as CSV UTF-8 (in a spreadsheet: CSV UTF-8, or Unicode and UTF-8 in the export options)")
        }
        let delimiter = Self.delimiter(of: bytes)
        var records: [[String]] = []
        var numbers: [Int] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false
        var row = 1, column = 1
        var quoteRow = 1
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                numbers.append(row)
            }
            record.removeAll(keepingCapacity: true)
            row += 1
            column = 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                endField()
                column += 1
            case UInt8(ascii: "\n"):
                endRecord()
            case UInt8(ascii: "\r"):
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                endRecord()
            case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                quoted = true
                quoteRow = row
            default:
                if wasQuoted {
                    throw ImportError(
                        SourceLocation(file: file, line: row, column: column, isRow: true),
                        "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                }
                field.append(byte)
            }
        }
        if quoted {
            throw ImportError(
                SourceLocation(file: file, line: quoteRow, column: column, isRow: true), "a quoted field is not closed before the end of the file")
        }
        if !field.isEmpty || !record.isEmpty || wasQuoted { endRecord() }
        guard let header = records.first else { throw ImportError(SourceLocation(file: file, line: 1, column: 1, isRow: true), "the file is empty") }
        for (record, number) in zip(records, numbers).dropFirst() where record.count != header.count {
            throw ImportError(
                SourceLocation(file: file, line: number, column: min(record.count, header.count) + 1, isRow: true),
                "the row has \(record.count) \(record.count == 1 ? "column" : "columns"), the header has \(header.count)")
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        rowNumbers = Array(numbers.dropFirst())
    }

    /// The separator the header line has most of: `,`, `;` or a tab.
    private static func delimiter(of bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, byte == UInt8(ascii: "\n") { break }
            if !quoted, [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")].contains(byte) { counts[byte, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != UInt8(ascii: ",")) }?.key ?? UInt8(ascii: ",")
    }
}
