import CasebookCore

extension CaseRepository {
    /// Every case id any local or remote-tracking branch holds: what a new case's id must avoid,
    /// so that two branches are unlikely to allocate the same one. Each blob is read once.
    package func caseIDsOnAllBranches() throws(GitError) -> Set<String> {
        var ids: Set<String> = []
        var readBlobs: Set<String> = []
        for branch in try git.branches() {
            let files: [SourceFile]
            do {
                files = try git.files(of: branch, under: prefix)
            } catch .pathNotFound {
                continue  // a branch without the case repository's folder
            }
            for file in files where file.path.hasPrefix("cases/") && file.path.hasSuffix(".yaml") {
                guard let blob = file.contentID, readBlobs.insert(blob).inserted else { continue }
                if let bytes = try git.caseFile(blob), let id = TestCase.id(inFile: bytes) { ids.insert(id) }
            }
        }
        return ids
    }
}
