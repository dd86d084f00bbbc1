import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `casebook import junit`: sends JUnit reports to a server's run.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import cases from other tools, or test results into a run.",
        subcommands: [ImportCases.self, JUnit.self])

    struct JUnit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "junit",
            abstract: "Record the results of JUnit XML reports in a run on a Casebook server.",
            discussion: """
                Each testcase is matched to a case by a casebook.id property, by the case's automation.ref \
                (classname.name or name), or by a case id in its name. Give --run, or --plan and --build to \
                create a run of that plan at the commit the server serves.
                """)

        @Argument(help: "JUnit XML files.")
        var files: [String]
        @OptionGroup var connection: ServerConnection
        @Option(help: "The run to record results in.")
        var run: Int?
        @Option(help: "Create a run of this plan…")
        var plan: String?
        @Option(help: "…for this build label.")
        var build: String?
        @Option(help: "The device the tests ran on, when the plan has devices.")
        var device: String?

        func validate() throws {
            guard (run == nil) != (plan == nil) else { throw ValidationError("give either --run ID, or --plan PLAN with --build LABEL") }
            guard plan == nil || build != nil else { throw ValidationError("--plan needs --build LABEL") }
        }

        func run() async throws {
            try await reportingFailures {
                let client = try connection.client()
                let project = connection.projectInPath
                // Everything that can fail is checked before a run is created: a failed import leaves nothing behind.
                let reports = try files.map { file in
                    do {
                        return (file, try Data(contentsOf: URL(fileURLWithPath: file)))
                    } catch {
                        throw CommandFailure("cannot read \(file): \(error.localizedDescription)")
                    }
                }
                let runID: Int
                if let existing = self.run {
                    runID = existing
                } else {
                    let plan = self.plan ?? ""
                    let planPath = "/api/v1/projects/\(project)/plans/\(plan.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? plan)"
                    let shown = try await client.send("GET", planPath)
                    try Self.check(device: device, plan: plan, devices: (shown["plan"] as? [String: Any])?["devices"] as? [String] ?? [])
                    let body = try JSONSerialization.data(withJSONObject: ["plan": plan, "build": build ?? ""])
                    let created = try await client.send("POST", "/api/v1/projects/\(project)/runs", body: body, contentType: "application/json")
                    guard let run = created["run"] as? [String: Any], let id = run["id"] as? Int else {
                        throw CommandFailure("the server answered no run id")
                    }
                    runID = id
                    print("created run \(id) of plan \(plan) for build \(build ?? "")")
                }
                var path = "/api/v1/projects/\(project)/runs/\(runID)/results/junit"
                if let device { path += "?device=" + (device.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? device) }
                var missing: [String] = []
                for (file, data) in reports {
                    let answer = try await client.send("POST", path, body: data, contentType: "application/xml", file: file)
                    let matched = (answer["matched"] as? [Any])?.count ?? 0
                    let unmatched = answer["unmatched"] as? [String] ?? []
                    missing = answer["missing"] as? [String] ?? []
                    print("\(file): \(answer["tests"] as? Int ?? 0) tests, \(matched) cases recorded, \(unmatched.count) unmatched")
                    for name in unmatched { print("  unmatched: \(name)") }
                }
                // Counted by the server over the whole run, so after the last file it covers every file.
                print("\(missing.count) automated \(missing.count == 1 ? "case" : "cases") of run \(runID) without a result")
                for id in missing { print("  no result: \(id)") }
            }
        }

        /// A plan with devices takes one of them; a plan without takes none.
        static func check(device: String?, plan: String, devices: [String]) throws {
            switch (device, devices.isEmpty) {
            case (nil, false):
                throw CommandFailure("plan \(plan) runs its cases on \(devices.joined(separator: ", ")): pass --device with one of them")
            case (let device?, true):
                throw CommandFailure("plan \(plan) has no devices: leave out --device \(device)")
            case (let device?, false) where !devices.contains(device):
                throw CommandFailure("plan \(plan) has no device '\(device)'; its devices are: \(devices.joined(separator: ", "))")
            default:
                break
            }
        }
    }
}

/// A small JSON client of the Casebook API for the command line.
struct APIClient {
    let base: String
    let token: String

    /// Sends a request and answers the JSON object; a problem answer becomes a failure with its detail.
    func send(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil, file: String? = nil) async throws -> [String: Any] {
        let data = try await request(method, path, body: body, contentType: contentType, file: file)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// GETs `path` and answers the bytes of the answer, which must be a success.
    func download(_ path: String) async throws -> Data {
        try await request("GET", path)
    }

    private func request(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil, file: String? = nil) async throws -> Data {
        guard let url = URL(string: base + path) else { throw CommandFailure("cannot make a URL of \(base + path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CommandFailure("cannot reach \(base): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            let detail = object["detail"] as? String ?? String(decoding: data.prefix(500), as: UTF8.self)
            throw CommandFailure("\(file.map { $0 + ": " } ?? "")\(method) \(path) answered \(status): \(detail)")
        }
        return data
    }
}
