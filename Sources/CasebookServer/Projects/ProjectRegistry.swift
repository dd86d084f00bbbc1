/// The projects a server serves, by key.
struct ProjectRegistry: Sendable {
    /// In the order they were given.
    let all: [Project]
    private let byKey: [String: Project]

    init(_ projects: [Project]) throws(ServerError) {
        var byKey: [String: Project] = [:]
        for project in projects {
            guard byKey[project.key] == nil else { throw .duplicateProjectKey(project.key) }
            byKey[project.key] = project
        }
        self.all = projects
        self.byKey = byKey
    }

    /// The project `key`, or a 404 problem naming it.
    func project(_ key: String) throws(Problem) -> Project {
        guard let project = byKey[key] else { throw .notFound("project", key) }
        return project
    }
}
