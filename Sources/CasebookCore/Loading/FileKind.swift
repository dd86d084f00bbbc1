/// What a file of the case repository is, by its path.
enum FileKind: Equatable {
    case settings
    case testCase(group: String)
    case group(String)
    case sharedSteps
    case plan
    /// A file casebook leaves alone without a word (a README, a licence).
    case skipped
    /// A file casebook does not read and warns about, with the rule and the message.
    case misplaced(Rule, String)

    /// The kind of the file at `path`, relative to the case repository root. Compares bytes, not
    /// characters: every load classifies every path.
    init(path: String) {
        var utf8 = path
        self = utf8.withUTF8 { FileKind(bytes: $0) }
    }

    private init(bytes path: UnsafeBufferPointer<UInt8>) {
        let slash = path.firstIndex(of: UInt8(ascii: "/"))
        let lastSlash = path.lastIndex(of: UInt8(ascii: "/"))
        let folder = UnsafeBufferPointer(rebasing: path[..<(slash ?? 0)])
        let name = UnsafeBufferPointer(rebasing: path[(lastSlash.map { $0 + 1 } ?? 0)...])
        func isFolder(_ text: StaticString) -> Bool { Self.same(folder, text) }
        func nameEnds(_ suffix: StaticString) -> Bool {
            name.count >= suffix.utf8CodeUnitCount && Self.same(UnsafeBufferPointer(rebasing: name.suffix(suffix.utf8CodeUnitCount)), suffix)
        }
        // The folders between the top folder and the file: a case's group.
        var middle: String {
            guard let slash, let lastSlash, slash < lastSlash else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: path[(slash + 1)..<lastSlash]), as: UTF8.self)
        }
        let known = isFolder("cases") || isFolder("shared-steps") || isFolder("plans")
        if slash == nil {
            if Self.same(path, "casebook.yaml") {
                self = .settings
                return
            }
            if nameEnds(".md") || Self.same(path, "LICENSE") {
                self = .skipped
                return
            }
        } else if known && nameEnds(".yml") {
            let stem = String(decoding: UnsafeBufferPointer(rebasing: name.dropLast(4)), as: UTF8.self)
            self = .misplaced(.fileExtension, "casebook reads only .yaml files; rename it to \(stem).yaml")
            return
        } else if known && nameEnds(".md") {
            self = .skipped
            return
        } else if nameEnds(".yaml") {
            if isFolder("cases") {
                let group = middle
                if !Self.same(name, "group.yaml") {
                    self = .testCase(group: group)
                    return
                }
                if !group.isEmpty {
                    self = .group(group)
                    return
                }
            } else if isFolder("shared-steps") {
                self = .sharedSteps
                return
            } else if isFolder("plans") {
                self = .plan
                return
            }
        }
        self = .misplaced(
            .fileUnknown, "casebook does not read this file; cases go in cases/, shared steps in shared-steps/, plans in plans/ (as .yaml)")
    }

    /// Whether `bytes` are the text `text`.
    private static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
