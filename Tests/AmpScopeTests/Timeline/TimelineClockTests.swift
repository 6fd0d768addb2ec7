import AmpScope
import Testing
@testable import AmpScopeTestSupport

/// The kernel clock model on sessions with a known truth: printk lines arriving at
/// kernel time × (1 + drift) + offset + delay, with live delays of 0.1–2 ms and a console-enable
/// burst of 300 lines replayed from the printk buffer 49–400 ms late.
@Suite struct TimelineClockTests {
    static let offset: Double = 4.123

    /// A deterministic generator (SplitMix64) so every run sees the same delays.
    struct Delays {
        var state: UInt64 = 0x5EED
        mutating func next(_ range: ClosedRange<Double>) -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Double(z >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
        }
    }

    static func printk(_ kernel: Double, _ text: String) -> String {
        let micros = Int64((kernel * 1e6).rounded())
        let seconds = String(micros / 1_000_000)
        let fraction = String(micros % 1_000_000)
        return "[" + String(repeating: " ", count: max(0, 5 - seconds.count)) + seconds + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction + "] " + text
    }

    /// Burst: 300 lines printed at kernel 0–0.65 s before the console was enabled, sent one per
    /// ms from kernel 0.4 s: line i arrives 0.4 + i·1 ms and was printed at 0.65·i/299 s, so it is
    /// 400 ms (i = 0) down to 49 ms (i = 299) late. Then live lines every `step` s up to `end`.
    static func session(driftPPM: Double, end: Double, step: Double) -> TimelineSessionScript {
        var script = TimelineSessionScript()
        script.consoles.removeLast()
        var delays = Delays()
        let scale = 1 + driftPPM / 1e6
        for index in 0..<300 {
            let kernel = (0.65 * Double(index) / 299 * 1e6).rounded() / 1e6
            let arrival = 0.4 + Double(index) * 0.001
            script.line(0, printk(kernel, index == 0 ? "Booting Linux on physical CPU 0x0" : "early line \(index)"), at: offset + arrival * scale)
        }
        var kernel = 0.7
        while kernel <= end {
            let delay = delays.next(0.0001...0.002)
            script.line(0, printk(kernel, "live line"), at: (kernel * scale + offset + delay))
            kernel = ((kernel + step) * 1e6).rounded() / 1e6
        }
        return script
    }

    @Test func offsetIsRecoveredWithinItsBoundDespiteTheFlushBurst() throws {
        let timeline = try Self.session(driftPPM: 0, end: 10, step: 0.02).analyze("tl-clock")
        let boot = try #require(timeline.boots.first)
        #expect(timeline.boots.count == 1)
        let model = try #require(boot.kernelClock)
        #expect(model.method == .minimumDelay)
        let hostStart = try #require(boot.hostStart)
        // Offset on the session's own axis: boot start + the model's offset − the session anchor.
        let recovered = Int64(hostStart - TimelineSessionScript.anchor) + model.offset
        let truth = Int64((Self.offset * 1e9).rounded())
        #expect(abs(recovered - truth) <= model.errorBound, "recovered \(recovered), truth \(truth), bound \(model.errorBound)")
        #expect(model.errorBound < 5_000_000)
        // The best live line was at least 0.1 ms late: the estimate can only be later than the truth.
        #expect(recovered >= truth + 100_000)
        #expect(model.driftPPM == nil)
        // The burst's first line is stamped 0, before printk's clock ran: no sample.
        #expect(model.samples == 299 + 466)
        #expect(model.lateSamples == 299)
        // The burst's first line was printed at kernel 0 but arrived 400 ms late: placed by its printk time.
        let first = try #require(boot.lanes[0].firstLine)
        #expect(first.placement.source == .kernelClock)
        #expect(abs(first.placement.time! - (truth - Int64(hostStart - TimelineSessionScript.anchor))) <= model.errorBound)
        #expect(first.placement.time! < -350_000_000)  // before the boot's first arrival
        // Live lines keep their host time: it is tighter than the model's bound.
        let last = try #require(boot.lanes[0].lastLine)
        #expect(last.placement.source == .host)
    }

    @Test func driftIsEstimatedOnALongCapture() throws {
        let timeline = try Self.session(driftPPM: 80, end: 120, step: 0.1).analyze("tl-drift")
        let boot = try #require(timeline.boots.first)
        let model = try #require(boot.kernelClock)
        let drift = try #require(model.driftPPM)
        #expect(abs(drift - 80) <= 10, "drift \(drift) ppm")
        let hostStart = try #require(boot.hostStart)
        let recovered = Int64(hostStart - TimelineSessionScript.anchor) + model.offset
        let truth = Int64((Self.offset * 1e9).rounded())
        #expect(abs(recovered - truth) <= model.errorBound, "recovered \(recovered), truth \(truth), bound \(model.errorBound)")
        #expect(model.lateSamples == 299)
        // The model maps a late kernel time onto the axis within its bound: kernel 100 s arrived at
        // 100 s × (1 + 80 ppm) + offset.
        let predicted = Int64(100e9 * (1 + drift / 1e6)) + model.offset
        let actual = Int64((100 * (1 + 80e-6) + Self.offset) * 1e9) - Int64(hostStart - TimelineSessionScript.anchor)
        #expect(abs(predicted - actual) <= model.errorBound + 1_000_000)
    }
}
