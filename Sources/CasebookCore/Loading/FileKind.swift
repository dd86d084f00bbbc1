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

    init(path: String) {
        let slash = path.firstIndex(of: "/")
        let folder = slash.map { path[..<$0] } ?? ""
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        // The folders between the top folder and the file: a case's group.
        let middle = slash.map { first in
            let rest = path[path.index(after: first)...]
            return rest.lastIndex(of: "/").map { String(rest[..<$0]) } ?? ""
        } ?? ""
        let known = folder == "cases" || folder == "shared-steps" || folder == "plans"
        let isYAML = name.hasSuffix(".yaml")
        if slash == nil {
            if name == "casebook.yaml" {
                self = .settings
                return
            }
            if name.hasSuffix(".md") || name == "LICENSE" {
                self = .skipped
                return
            }
        } else if known && name.hasSuffix(".yml") {
            self = .misplaced(.fileExtension, "casebook reads only .yaml files; rename it to \(name.dropLast(4)).yaml")
            return
        } else if known && name.hasSuffix(".md") {
            self = .skipped
            return
        } else if isYAML {
            switch folder {
            case "cases" where name == "group.yaml" && !middle.isEmpty:
                self = .group(middle)
                return
            case "cases" where name != "group.yaml":
                self = .testCase(group: middle)
                return
            case "shared-steps":
                self = .sharedSteps
                return
            case "plans":
                self = .plan
                return
            default:
                break
            }
        }
        self = .misplaced(
            .fileUnknown, "casebook does not read this file; cases go in cases/, shared steps in shared-steps/, plans in plans/ (as .yaml)")
    }
}
