import CasebookStore

/// A stacked bar of a run's results by status, drawn as inline SVG by the server: one
/// rectangle per status, as wide as its share of 300 units.
struct StatusBar {
    let label: String
    let counts: RunProgress.Counts

    var view: [String: Any] {
        let total = counts.values.reduce(0, +)
        var x = 0.0
        var parts: [[String: Any]] = []
        for status in ExecutionStatus.allCases {
            let count = counts[status] ?? 0
            guard count > 0, total > 0 else { continue }
            let width = 300 * Double(count) / Double(total)
            parts.append(["status": status.rawValue, "count": count, "x": Self.number(x), "width": Self.number(width)])
            x += width
        }
        let summary = ExecutionStatus.allCases.compactMap { status in counts[status].flatMap { $0 > 0 ? "\(status.rawValue) \($0)" : nil } }
        return ["label": label, "parts": parts, "summary": summary.joined(separator: ", ")]
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
