import CasebookStore
import Foundation

/// The runs of one plan over time, drawn as inline SVG by the server: a stacked bar of result
/// counts per run (oldest on the left, labelled by build) and the pass rate as a line of points
/// over them (its scale: 0 at the bottom, 100 % at the top), each point labelled.
struct BuildChart {
    struct Point {
        let label: String
        let counts: RunProgress.Counts
        let passRate: Double?
    }

    let points: [Point]

    static let width = 600.0, height = 160.0
    /// Room above the highest point for its label.
    static let top = 16.0

    var view: [String: Any] {
        let step = Self.width / Double(max(points.count, 1))
        let barWidth = min(step * 0.6, 48)
        let most = max(points.map { $0.counts.values.reduce(0, +) }.max() ?? 1, 1)
        var bars: [[String: Any]] = []
        var line: [String] = []
        for (index, point) in points.enumerated() {
            let x = Double(index) * step + (step - barWidth) / 2
            var y = Self.height
            var parts: [[String: Any]] = []
            for status in ExecutionStatus.allCases {
                let count = point.counts[status] ?? 0
                guard count > 0 else { continue }
                let h = (Self.height - Self.top) * Double(count) / Double(most)
                y -= h
                parts.append(["status": status.rawValue, "count": count, "y": Self.number(y), "height": Self.number(h)])
            }
            let rate = point.passRate.map { String(format: "%.0f %%", $0 * 100) } ?? "—"
            var bar: [String: Any] = [
                "x": Self.number(x), "width": Self.number(barWidth), "parts": parts, "label": point.label, "labelX": Self.number(x + barWidth / 2),
            ]
            if let passRate = point.passRate {
                let y = Self.top + (Self.height - Self.top) * (1 - passRate)
                line.append(Self.number(x + barWidth / 2) + "," + Self.number(y))
                bar["rate"] = ["text": rate, "y": Self.number(y), "textY": Self.number(max(y - 6, 10))]
            }
            bars.append(bar)
        }
        let summary = points.map { "\($0.label): " + ($0.passRate.map { String(format: "%.0f %%", $0 * 100) } ?? "—") }
        return [
            "bars": bars, "line": line.joined(separator: " "), "hasLine": line.count > 1, "summary": summary.joined(separator: ", "),
            "width": Self.number(Self.width), "height": Self.number(Self.height + 24), "labelY": Self.number(Self.height + 16),
        ]
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
