/// Maps printk time onto the host axis from lines that carry both: a printk line's host arrival
/// is `kernel time + offset + delay` with `delay ≥ 0`, so the offset is found from the lines
/// with the least delay (the lower envelope of host − kernel), and lines flushed late from the
/// printk buffer (at console enable) sit far above that envelope and never pull it.
struct KernelClockEstimator: Sendable {
    struct Sample: Sendable {
        /// Kernel time, µs.
        var kernel: Int64
        /// Host first-byte time minus kernel time, ns (host times on the input's axis).
        var residual: Int64
    }

    /// At least this much kernel time between the first and last sample before drift is
    /// estimated: below it, a 1 ms delay jitter would read as a drift of more than 16 ppm.
    static let driftSpan: Int64 = 60_000_000
    /// A line more than this above the lower envelope was not printed live. USB-serial adapters
    /// hold received bytes up to their latency timer (FTDI's default is 16 ms), so live lines can
    /// lag that much; lines replayed from the printk buffer lag by tens to hundreds of ms.
    static let lateThreshold: Int64 = 20_000_000
    /// Samples kept per boot; beyond it pairs are merged keeping the lower residual (the only
    /// one the envelope can use), so memory stays bounded on an endless boot.
    static let sampleCap = 1 << 20

    private(set) var samples: [Sample] = []
    /// Each retained sample stands for this many lines once the cap was reached.
    private var stride = 1
    private(set) var total = 0

    mutating func add(kernel: Int64, hostTime: UInt64) {
        total += 1
        samples.append(Sample(kernel: kernel, residual: Int64(bitPattern: hostTime) &- kernel &* 1000))
        if samples.count >= Self.sampleCap { compact() }
    }

    private mutating func compact() {
        var kept: [Sample] = []
        kept.reserveCapacity(samples.count / 2 + 1)
        var index = 0
        while index < samples.count {
            if index + 1 < samples.count {
                kept.append(samples[index].residual <= samples[index + 1].residual ? samples[index] : samples[index + 1])
            } else {
                kept.append(samples[index])
            }
            index += 2
        }
        samples = kept
        stride *= 2
    }

    /// The model with `offset` measured on the input's host axis; nil without samples.
    ///
    /// errorBound: how far the estimated offset can be from the minimum-delay offset every live
    /// line shares. The estimate is the best sample itself, so what is unknown is how much delay
    /// even the best sample had beyond the floor every live line pays. Three terms bound it:
    /// - the spread of the lowest residuals (the 5th lowest above the envelope): if five
    ///   independent lines all arrived within that of the envelope, the floor is that well
    ///   determined; few samples give a wide spread and so an honest, wide bound;
    /// - the host's read granularity (`granularity`, 1 ms unless told): a chunk's time is when
    ///   read() returned, up to that long after its first byte arrived;
    /// - the transmission time of the printk prefix (15 bytes × 10 bits) at the console's baud,
    ///   when known: the kernel stamps the line before its first byte leaves the UART.
    func model(granularity: Int64, baud: Int?) -> KernelClockModel? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted { ($0.kernel, $0.residual) < ($1.kernel, $1.residual) }
        let span = sorted.last!.kernel - sorted.first!.kernel
        var slope = 0.0  // ns of residual per µs of kernel time
        var intercept = sorted.map(\.residual).min()!
        var drift: Double?
        if span >= Self.driftSpan, let edge = Self.envelopeEdge(sorted, at: sorted.first!.kernel + span / 2) {
            slope = Double(edge.1.residual - edge.0.residual) / Double(edge.1.kernel - edge.0.kernel)
            intercept = edge.0.residual - Int64((slope * Double(edge.0.kernel)).rounded())
            drift = slope * 1000
        }
        var excess = sorted.map { $0.residual - intercept - Int64((slope * Double($0.kernel)).rounded()) }
        let late = excess.reduce(0) { $1 > Self.lateThreshold ? $0 + 1 : $0 }
        excess.sort()
        let spread = Swift.max(0, excess[Swift.min(4, excess.count - 1)])
        let transmission = baud.map { Int64(15 * 10 * 1_000_000_000 / Swift.max($0, 1)) } ?? 0
        // axis = k·1000·(1 + d) + offset and residual = axis − k·1000 = k·1000·d + offset.
        return KernelClockModel(
            offset: intercept, errorBound: spread + granularity + transmission, driftPPM: drift,
            samples: total, lateSamples: late * stride, method: .minimumDelay)
    }

    /// The edge of the lower convex hull of (kernel, residual) that spans `middle`: its line
    /// has every sample on or above it, and it is set by live lines at both ends of the capture.
    static func envelopeEdge(_ sorted: [Sample], at middle: Int64) -> (Sample, Sample)? {
        var hull: [Sample] = []
        for sample in sorted {
            if let last = hull.last, last.kernel == sample.kernel { continue }  // sorted: the lower one came first
            while hull.count >= 2 {
                let a = hull[hull.count - 2], b = hull[hull.count - 1]
                // Remove b when it lies on or above the segment a → sample.
                let cross = Double(b.kernel - a.kernel) * Double(sample.residual - a.residual)
                    - Double(b.residual - a.residual) * Double(sample.kernel - a.kernel)
                if cross <= 0 { hull.removeLast() } else { break }
            }
            hull.append(sample)
        }
        guard hull.count >= 2 else { return nil }
        for index in 1..<hull.count where hull[index].kernel >= middle {
            return (hull[index - 1], hull[index])
        }
        return (hull[hull.count - 2], hull[hull.count - 1])
    }
}
