import Foundation

/// Text as exports hold it, made into what case files hold.
package enum ImportText {
    /// `text` without the indentation a pretty-printed XML export gives it: a value that starts
    /// on a line of its own (`<preconds>⏎        Text…`) loses the blank lines around it and the
    /// indentation its lines share; a value on the element's own line is kept exactly.
    package static func value(_ text: String) -> String {
        guard let first = text.utf8.first, first == UInt8(ascii: "\n") || first == UInt8(ascii: "\r") else { return text }
        // Read as bytes: the indentation of a pretty-printed export is spaces and tabs.
        func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 }
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == 13 ? line.dropLast() : line
        }
        while let line = lines.first, line.allSatisfy(isBlank) { lines.removeFirst() }
        while let line = lines.last, line.allSatisfy(isBlank) { lines.removeLast() }
        let common = lines.filter { !$0.allSatisfy(isBlank) }.map { $0.prefix { $0 == 32 || $0 == 9 }.count }.min() ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "\n")) }
            if !line.allSatisfy(isBlank) { out.append(contentsOf: line.dropFirst(common)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The items of a numbered list (`1. Open…⏎2. Pay…`, or `1)`), each with the lines that
    /// follow it; `nil` unless the whole text is one list numbered from 1 without a gap.
    package static func numberedItems(_ text: String) -> [String]? {
        var items: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            let rest = trimmed.dropFirst(digits.count)
            if let number = Int(digits), number == items.count + 1, let mark = rest.first, mark == "." || mark == ")",
                rest.dropFirst().first.map({ $0 == " " }) ?? true
            {
                items.append([rest.dropFirst().drop { $0 == " " }])
            } else if items.isEmpty {
                guard line.allSatisfy(\.isWhitespace) else { return nil }
            } else {
                items[items.count - 1].append(line)
            }
        }
        guard items.count > 1 else { return nil }
        return items.map { lines in
            var lines = lines
            while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
    }

    /// Steps from the text of a text template's steps and expected result: one step for each item
    /// when both are numbered lists of as many items (or the expected result is empty), else one
    /// step of both texts.
    package static func steps(action: String, expected: String) -> [ImportedStep] {
        if action.isEmpty && expected.isEmpty { return [] }
        if let actions = numberedItems(action) {
            if expected.isEmpty { return actions.map { ImportedStep(action: $0, expected: "") } }
            if let results = numberedItems(expected), results.count == actions.count {
                return zip(actions, results).map { ImportedStep(action: $0, expected: $1) }
            }
        }
        return [ImportedStep(action: action, expected: expected)]
    }

    /// `text` without the spaces, tabs and line breaks at either end.
    package static func trimmed(_ text: some StringProtocol) -> String {
        func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        let bytes = Substring(text).utf8
        guard let start = bytes.firstIndex(where: { !isBlank($0) }), let end = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }

    /// `text` without the number that leads it (`2. Pay` → `Pay`): a spreadsheet row of one
    /// step often numbers it.
    package static func withoutNumber(_ text: String) -> String {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        guard !digits.isEmpty, rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return text }
        return String(rest.dropFirst(2).drop { $0 == " " })
    }

    /// Seconds from an estimate as TestRail writes it: seconds (`90`), or units (`1m 30s`, `2h`,
    /// `1d 4h`); `nil` when it is neither.
    package static func estimate(_ text: String) -> Int? {
        let trimmed = ImportText.trimmed(text)
        if let seconds = Int(trimmed), seconds >= 0 { return seconds }
        return ScalarTypes.duration(trimmed)
    }

    /// References as a list (`DH-10, DH-29` or one per line).
    package static func list(_ text: String) -> [String] {
        text.split { $0 == "," || $0 == "\n" || $0 == ";" }.map(ImportText.trimmed).filter { !$0.isEmpty }
    }
}
