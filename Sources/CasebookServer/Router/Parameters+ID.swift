import Hummingbird

extension Parameters {
    /// The numeric id in path parameter `name` (a run, execution, comment, attachment or token);
    /// anything else names nothing that exists: a 404 naming `what` (default: `name`).
    func requireID(_ name: String, naming what: String? = nil) throws -> Int64 {
        let text = try require(name)
        guard let id = Int64(text) else { throw Problem.notFound(what ?? name, text) }
        return id
    }
}
