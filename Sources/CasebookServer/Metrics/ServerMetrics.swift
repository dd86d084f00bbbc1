import Synchronization

/// Request counts and latencies by route, kept for `GET /metrics`.
final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Series: Hashable {
        var route: String
        var method: String
    }

    private struct Latency {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0

        mutating func record(_ seconds: Double) {
            if let bucket = ServerMetrics.buckets.firstIndex(where: { seconds <= $0 }) { counts[bucket] += 1 }
            sum += seconds
            count += 1
        }
    }

    private struct State {
        var requests: [Series: [Int: Int]] = [:]
        var latencies: [Series: Latency] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Counts one answered request.
    func record(route: String, method: String, status: Int, seconds: Double) {
        let series = Series(route: route, method: method)
        state.withLock { state in
            state.requests[series, default: [:]][status, default: 0] += 1
            // In place: a copy taken out of the dictionary and put back copied its counts too.
            state.latencies[series, default: Latency()].record(seconds)
        }
    }

    /// The Prometheus text exposition of the request metrics and of each project's snapshot.
    func exposition(projects: [Project]) -> String {
        let (requests, latencies) = state.withLock { ($0.requests, $0.latencies) }
        var out = "# HELP casebook_http_requests_total HTTP requests answered, by route, method and status.\n"
        out += "# TYPE casebook_http_requests_total counter\n"
        for series in requests.keys.sorted(by: Self.order) {
            for (status, count) in (requests[series] ?? [:]).sorted(by: { $0.key < $1.key }) {
                out += "casebook_http_requests_total{\(labels(series)),status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP casebook_http_request_duration_seconds Time to answer HTTP requests, by route and method.\n"
        out += "# TYPE casebook_http_request_duration_seconds histogram\n"
        for series in latencies.keys.sorted(by: Self.order) {
            guard let latency = latencies[series] else { continue }
            var cumulative = 0
            for (bound, count) in zip(Self.buckets, latency.counts) {
                cumulative += count
                out += "casebook_http_request_duration_seconds_bucket{\(labels(series)),le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "casebook_http_request_duration_seconds_bucket{\(labels(series)),le=\"+Inf\"} \(latency.count)\n"
            out += "casebook_http_request_duration_seconds_sum{\(labels(series))} \(latency.sum)\n"
            out += "casebook_http_request_duration_seconds_count{\(labels(series))} \(latency.count)\n"
        }
        let served = projects.map { ($0.key, $0.current) }
        out += "# HELP casebook_snapshot_build_seconds Time the served snapshot took to build.\n# TYPE casebook_snapshot_build_seconds gauge\n"
        for (key, snapshot) in served { out += "casebook_snapshot_build_seconds{project=\"\(escaped(key))\"} \(snapshot.buildSeconds)\n" }
        out += "# HELP casebook_kept_revisions Snapshots of other revisions kept for ?ref= reads.\n# TYPE casebook_kept_revisions gauge\n"
        for project in projects { out += "casebook_kept_revisions{project=\"\(escaped(project.key))\"} \(project.keptCommits.count)\n" }
        out += "# HELP casebook_cases_indexed Cases in the served snapshot.\n# TYPE casebook_cases_indexed gauge\n"
        for (key, snapshot) in served { out += "casebook_cases_indexed{project=\"\(escaped(key))\"} \(snapshot.snapshot.cases.count)\n" }
        out += "# HELP casebook_snapshot_parsed_files Files parsed to build the served snapshot (the rest came from the parse cache).\n"
        out += "# TYPE casebook_snapshot_parsed_files gauge\n"
        for (key, snapshot) in served { out += "casebook_snapshot_parsed_files{project=\"\(escaped(key))\"} \(snapshot.snapshot.parsedFiles)\n" }
        return out
    }

    private static func order(_ left: Series, _ right: Series) -> Bool {
        (left.route, left.method) < (right.route, right.method)
    }

    private func labels(_ series: Series) -> String {
        "route=\"\(escaped(series.route))\",method=\"\(series.method)\""
    }

    private func escaped(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
