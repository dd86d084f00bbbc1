/// Durations written as in case files: `90s` → `1m30s`, `5400` seconds → `1h30m`.
package enum DurationText {
    package static func format(_ seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        var out = "", rest = seconds
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}
