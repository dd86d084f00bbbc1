/// What a file of the case repository is, by its path.
enum FileKind: Equatable {
    case settings
    case testCase(group: String)
    case group(String)
    case sharedSteps
    case plan
    /// A file casebook does not read; `Rule` says whether to warn.
    case ignored(Rule?, String)

    init(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        let name = parts.last ?? ""
        let folder = parts.first ?? ""
        let isYAML = name.hasSuffix(".yaml")
        let known = ["cases", "shared-steps", "plans"]
        switch (parts.count, folder) {
        case (1, _) where name == "casebook.yaml":
            self = .settings
        case (1, _) where name.hasSuffix(".md") || name == "LICENSE":
            self = .ignored(nil, "")
        case (2..., _) where known.contains(folder) && name.hasSuffix(".yml"):
            self = .ignored(.fileExtension, "casebook reads only .yaml files; rename it to \(name.dropLast(4)).yaml")
        case (2..., _) where known.contains(folder) && name.hasSuffix(".md"):
            self = .ignored(nil, "")
        case (3..., "cases") where isYAML && name == "group.yaml":
            self = .group(parts[1..<(parts.count - 1)].joined(separator: "/"))
        case (2..., "cases") where isYAML && name != "group.yaml":
            self = .testCase(group: parts[1..<(parts.count - 1)].joined(separator: "/"))
        case (2..., "shared-steps") where isYAML:
            self = .sharedSteps
        case (2..., "plans") where isYAML:
            self = .plan
        default:
            self = .ignored(
                .fileUnknown,
                "casebook does not read this file; cases go in cases/, shared steps in shared-steps/, plans in plans/ (as .yaml)")
        }
    }
}
