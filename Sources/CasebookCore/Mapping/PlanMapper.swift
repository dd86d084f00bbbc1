import CasebookYAML

/// Maps a file of `plans/` to a ``Plan``. References are checked later, against the snapshot.
enum PlanMapper {
    static func map(_ root: Node, path: String, findings: FileFindings) -> Plan? {
        guard let reader = MappingReader(root, what: "plan", keys: Vocabulary.plan, required: ["id", "title", "include"], findings: findings)
        else { return nil }
        let id = WordID.read(reader, what: "plan", example: "PLAN-R24", findings: findings)
        let title = reader.text("title")
        let include = selectors(reader, "include", findings: findings)
        let exclude = selectors(reader, "exclude", findings: findings)
        guard let id, let title else { return nil }
        return Plan(
            id: id.value, title: title, description: reader.text("description"), owner: reader.text("owner"),
            milestone: reader.text("milestone"), devices: reader.textList("devices"), include: include, exclude: exclude,
            path: path, idMark: id.mark)
    }

    private static func selectors(_ reader: MappingReader, _ key: String, findings: FileFindings) -> [Selector] {
        reader.list(key) { node -> Selector? in
            guard let item = MappingReader(node, what: "selector", keys: Vocabulary.selector, findings: findings) else { return nil }
            var selector = Selector(at: node.mark)
            selector.caseID = item.located("case")
            selector.group = item.located("group").map { Located(trimSlashes($0.value), at: $0.mark) }
            selector.tags = oneOrMore(item, "tags")
            selector.priorities = oneOrMore(item, "priority")
            if selector.caseID == nil && selector.group == nil && selector.tags.isEmpty && selector.priorities.isEmpty {
                findings.report(.planEmptySelector, at: node.mark, "this \(key) item selects nothing; give it case, group, tags or priority")
                return nil
            }
            return selector
        } ?? []
    }

    /// `tags: smoke` or `tags: [smoke, checkout]`.
    private static func oneOrMore(_ item: MappingReader, _ key: String) -> [Located<String>] {
        guard let node = item[key] else { return [] }
        if let scalar = node.scalar { return [Located(scalar.value, at: node.mark)] }
        return item.textList(key)
    }

    private static func trimSlashes(_ group: String) -> String {
        String(group.drop { $0 == "/" }.reversed().drop { $0 == "/" }.reversed())
    }
}
