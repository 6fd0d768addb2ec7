/// How findings write times: boot-axis times in seconds with milliseconds ("2.058 s"), lengths in
/// the unit a person would use ("3 ms", "1.25 s", "41 s").
enum DiagnosisTimeFormat {
    static func instant(_ nanoseconds: Int64) -> String {
        let milliseconds = (nanoseconds + (nanoseconds >= 0 ? 500_000 : -500_000)) / 1_000_000
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = abs(milliseconds)
        return "\(sign)\(magnitude / 1000).\(threeDigits(magnitude % 1000)) s"
    }

    static func length(_ nanoseconds: Int64) -> String {
        let value = abs(nanoseconds)
        if value < 1_000_000 { return "\(value / 1000) µs" }
        if value < 1_000_000_000 { return "\((value + 500_000) / 1_000_000) ms" }
        if value < 10_000_000_000 {
            let centiseconds = (value + 5_000_000) / 10_000_000
            return "\(centiseconds / 100).\(twoDigits(centiseconds % 100)) s"
        }
        return "\((value + 500_000_000) / 1_000_000_000) s"
    }

    static func threeDigits(_ value: Int64) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }

    static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Duration {
    /// Whole nanoseconds (rule windows are far below the Int64 range).
    var nanosecondCount: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
