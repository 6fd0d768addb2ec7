/// Without a common clock, puts an M-core console on the A7's axis through anchor pairs: lines
/// the two cores print within a known interval of each other. Anchored lines get the A7 line's
/// time (± its own uncertainty plus the pair's slack); lines between two anchors are
/// interpolated by line order, with an uncertainty spanning both anchors; lines before the
/// first or after the last anchor keep only their order.
struct AnchorAlignment: Sendable {
    struct Anchor: Sendable {
        var name: String
        var lineNumber: Int
        var time: Int64
        var uncertainty: Int64
    }

    /// How long after the A7 line the M-core line of each pair comes, at most (ns).
    /// bootaux releases the M4 from reset: its banner is the firmware's first print, within ms.
    static let bootauxSlack: Int64 = 10_000_000
    /// remoteproc's `powering up`/`remote processor ... is now up` bracket the M-core start; the
    /// firmware load in between took 82 ms on a Colibri iMX7D (DOMAIN.md §3).
    static let remoteprocSlack: Int64 = 100_000_000
    /// The M-core prints its name-service line around sending the announcement, and the A7
    /// creates the channel as soon as it receives it: the same exchange, within tens of ms.
    static let nameServiceSlack: Int64 = 50_000_000

    private(set) var anchors: [Anchor] = []

    /// Adds a pair; one that would put the M-core's lines out of order is dropped.
    mutating func add(_ anchor: Anchor) {
        if anchors.contains(where: { ($0.lineNumber < anchor.lineNumber) != ($0.time < anchor.time) && $0.lineNumber != anchor.lineNumber }) {
            return
        }
        anchors.append(anchor)
        anchors.sort { $0.lineNumber < $1.lineNumber }
    }

    var isEmpty: Bool { anchors.isEmpty }
    var uncertainty: Int64 { anchors.map(\.uncertainty).max() ?? 0 }

    func place(lineNumber: Int) -> TimelinePlacement {
        guard let after = anchors.firstIndex(where: { $0.lineNumber >= lineNumber }) else { return .orderOnly }
        let next = anchors[after]
        if next.lineNumber == lineNumber {
            return TimelinePlacement(time: next.time, uncertainty: next.uncertainty, source: .anchor)
        }
        guard after > 0 else { return .orderOnly }
        let previous = anchors[after - 1]
        let fraction = Double(lineNumber - previous.lineNumber) / Double(next.lineNumber - previous.lineNumber)
        let time = previous.time + Int64((Double(next.time - previous.time) * fraction).rounded())
        let uncertainty = Swift.max(time - (previous.time - previous.uncertainty), next.time + next.uncertainty - time)
        return TimelinePlacement(time: time, uncertainty: uncertainty, source: .interpolated)
    }
}
