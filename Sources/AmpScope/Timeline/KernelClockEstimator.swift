/// Maps printk time onto the host axis from lines that carry both: a printk line's host arrival
/// is `kernel time + offset + delay` with `delay ≥ 0`, so the offset is found from the lines
/// with the least delay (the lower envelope of host − kernel), and lines flushed late from the
/// printk buffer (at console enable) or queued behind a slow console sit above that envelope and
/// never pull it. Lines printed before printk's clock ran (stamped 0 while real time passed) would
/// sit below it, so the caller leaves them out (`clockStarted`, kernel time 0).
struct KernelClockEstimator: Sendable {
    struct Sample: Sendable {
        /// Kernel time, µs.
        var kernel: Int64
        /// Host first-byte time minus kernel time, ns (host times on the input's axis).
        var residual: Int64
        /// When the console's previous line ended (ns, the input's host axis), if it had one.
        var previousEnd: Int64?
    }

    /// At least this much kernel time between the first and last sample before drift is
    /// estimated: below it, a 1 ms delay jitter would read as a drift of more than 16 ppm.
    static let driftSpan: Int64 = 60_000_000
    /// Over a shorter capture, of at least this much kernel time, only a gross rate is taken: a
    /// kernel clock off by more than `grossRate` (no crystal is) runs at another speed than the
    /// host's, e.g. a log replayed faster than it was printed.
    static let grossRateSpan: Int64 = 2_000_000
    /// ns of residual per µs of kernel time (a fraction of 1000).
    static let grossRate = 50.0
    /// A line more than this above the lower envelope was not printed live. USB-serial adapters
    /// hold received bytes up to their latency timer (FTDI's default is 16 ms), so live lines can
    /// lag that much; lines replayed from the printk buffer lag by tens to hundreds of ms.
    static let lateThreshold: Int64 = 20_000_000
    /// Silence before a line's first byte that shows the console was idle: several read
    /// granularities, far above a character's time at any console baud. A line counts as printed
    /// while idle when this silence preceded it and the model puts its printing after the
    /// previous line ended (a line flushed from the buffer after a stall was printed before).
    static let idleGap: Int64 = 5_000_000
    /// An idle line can still arrive late: the kernel was held between stamping and sending it
    /// (console lock, interrupts; under emulation, the host descheduling the guest). Up to this
    /// excess it counts toward the bound; beyond it, it is taken for the start of a buffer flush.
    static let idleCeiling: Int64 = 250_000_000
    /// Fewer idle live lines than this leave the delay spread unmeasured: the bound is then the
    /// whole live window (`lateThreshold`).
    static let minimumIdleSamples = 3
    /// Samples kept per boot; beyond it pairs are merged keeping the lower residual (the only
    /// one the envelope can use), so memory stays bounded on an endless boot.
    static let sampleCap = 1 << 20

    private(set) var samples: [Sample] = []
    /// Each retained sample stands for this many lines once the cap was reached.
    private var stride = 1
    private(set) var total = 0
    /// Lines left out because printk's clock was not running yet when they were stamped.
    private(set) var beforeClock = 0

    /// A line with printk time `kernel` (µs) first reached the host at `hostTime`; the console's
    /// previous line ended at `previousEnd`. Kernel time 0 is the value printk stamps
    /// before its clock runs (kernel/printk/printk.c takes it from local_clock()), so such a
    /// line says nothing about the offset.
    mutating func add(kernel: Int64, hostTime: UInt64, previousEnd: UInt64?) {
        guard kernel > 0 else {
            beforeClock += 1
            return
        }
        total += 1
        samples.append(Sample(
            kernel: kernel, residual: Int64(bitPattern: hostTime) &- kernel &* 1000, previousEnd: previousEnd.map { Int64(bitPattern: $0) }))
        if samples.count >= Self.sampleCap { compact() }
    }

    /// The kernel printed `sched_clock: …` (kernel/time/sched_clock.c): printk's clock starts
    /// now, so every line before it was stamped by the stopped clock and is dropped.
    mutating func clockStarted() {
        beforeClock += total
        total = 0
        samples.removeAll()
        stride = 1
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
    /// The envelope lies on or below every sample, so a line's arrival is never before the
    /// model's time for it, and an idle line (one that queued behind nothing) arrives after it
    /// by its own excess over the envelope. errorBound is therefore:
    /// - the largest excess of the idle lines (up to `idleCeiling`): every line printed while
    ///   the console was idle arrived within it; with fewer than `minimumIdleSamples` of them,
    ///   `lateThreshold`, the delay a live line can have by definition;
    /// - plus the host's read granularity (`granularity`): a chunk's time is when read()
    ///   returned, up to that long after its first byte arrived;
    /// - plus the transmission time of the printk prefix (15 bytes × 10 bits) at the console's
    ///   baud, when known: the kernel stamps the line before its first byte leaves the UART.
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
        } else if span >= Self.grossRateSpan, let rate = Self.thirdsRate(sorted, span: span), abs(rate) >= Self.grossRate {
            slope = rate
            intercept = sorted.map { $0.residual - Int64((rate * Double($0.kernel)).rounded()) }.min()!
            drift = slope * 1000
        }
        var late = 0
        var idleLive = 0
        var idleSpread: Int64 = 0
        for sample in sorted {
            // The hull's line can pass a rounding step above a sample on it: never a negative excess.
            let envelope = intercept + Int64((slope * Double(sample.kernel)).rounded())
            let excess = Swift.max(0, sample.residual - envelope)
            if excess > Self.lateThreshold { late += 1 }
            let arrival = sample.residual + sample.kernel * 1000
            let printed = envelope + sample.kernel * 1000
            let idle = sample.previousEnd.map { arrival - $0 >= Self.idleGap && printed >= $0 } ?? false
            if idle, excess <= Self.idleCeiling {
                idleLive += 1
                idleSpread = Swift.max(idleSpread, excess)
            }
        }
        let spread = idleLive >= Self.minimumIdleSamples ? idleSpread : Self.lateThreshold
        let transmission = baud.map { Int64(15 * 10 * 1_000_000_000 / Swift.max($0, 1)) } ?? 0
        // axis = k·1000·(1 + d) + offset and residual = axis − k·1000 = k·1000·d + offset.
        return KernelClockModel(
            offset: intercept, errorBound: spread + granularity + transmission, driftPPM: drift,
            samples: total, lateSamples: late * stride, method: .minimumDelay)
    }

    /// The slope between the lowest residuals of the first and the last third of the span, when
    /// the middle third's lowest lies on it too (both halves' slopes agree within a tenth): live
    /// lines at both ends set it, and a boot whose first third is all flushed from the buffer
    /// (no earlycon) shows two different slopes and no rate.
    static func thirdsRate(_ sorted: [Sample], span: Int64) -> Double? {
        let first = sorted.first!.kernel
        func lowest(_ third: Int64) -> Sample? {
            let low = first + span * third / 3, high = first + span * (third + 1) / 3
            return sorted.filter { $0.kernel >= low && $0.kernel <= high }.min { $0.residual < $1.residual }
        }
        guard let early = lowest(0), let middle = lowest(1), let late = lowest(2),
              early.kernel < middle.kernel, middle.kernel < late.kernel else { return nil }
        let slope = { (a: Sample, b: Sample) in Double(b.residual - a.residual) / Double(b.kernel - a.kernel) }
        let before = slope(early, middle), after = slope(middle, late)
        guard abs(before - after) <= 0.1 * Swift.max(abs(before), abs(after)) else { return nil }
        return slope(early, late)
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
