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
        let slash = path.utf8.firstIndex(of: UInt8(ascii: "/"))
        let lastSlash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { path[..<$0] } ?? ""
        let name = lastSlash.map { path[path.index(after: $0)...] } ?? path[...]
        func isFolder(_ text: String) -> Bool { folder.utf8.elementsEqual(text.utf8) }
        func nameEnds(_ suffix: String) -> Bool { name.utf8.count >= suffix.utf8.count && name.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        // The folders between the top folder and the file: a case's group.
        var middle: String {
            guard let slash, let lastSlash, slash < lastSlash else { return "" }
            return String(path[path.index(after: slash)..<lastSlash])
        }
        let known = isFolder("cases") || isFolder("shared-steps") || isFolder("plans")
        let isYAML = nameEnds(".yaml")
        if slash == nil {
            if path == "casebook.yaml" {
                self = .settings
                return
            }
            if nameEnds(".md") || path == "LICENSE" {
                self = .skipped
                return
            }
        } else if known && nameEnds(".yml") {
            self = .misplaced(.fileExtension, "casebook reads only .yaml files; rename it to \(name.dropLast(4)).yaml")
            return
        } else if known && nameEnds(".md") {
            self = .skipped
            return
        } else if isYAML {
            let isGroupFile = name.utf8.elementsEqual("group.yaml".utf8)
            if isFolder("cases") {
                let group = middle
                if !isGroupFile {
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
}
