import CasebookYAML

/// Maps a `group.yaml` to a ``CaseGroup``.
enum GroupMapper {
    static func map(_ root: Node, group: String, findings: FileFindings) -> CaseGroup {
        let fallback = CaseGroup(id: group, title: defaultTitle(of: group))
        guard let reader = MappingReader(root, what: "group", keys: Vocabulary.group, findings: findings) else { return fallback }
        return CaseGroup(
            id: group, title: reader.text("title") ?? fallback.title, description: reader.text("description"), owner: reader.text("owner"))
    }

    /// The title of a group without `group.yaml`: its folder name.
    static func defaultTitle(of group: String) -> String {
        String(group.split(separator: "/").last ?? "")
    }
}
