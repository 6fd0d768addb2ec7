import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// The kernel clock model on boots shaped like a real kernel's, with a known truth: lines stamped
/// `[    0.000000]` while printk's clock was not yet running (the real time they took is invisible
/// in their stamps), the `sched_clock:` line that starts the clock, live lines with 0.1–2 ms of
/// delay, and a backlog queued behind a 115200-baud console. Delays are random: the seed is
/// printed and AMPSCOPE_TEST_SEED replays one.
@Suite struct TimelineClockUnclockedTests {
    /// Axis time (s) at which printk's clock read 0.
    static let truth = 4.0

    struct Generator {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Double>) -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Double(z >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
        }
    }

    static func seed() -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["AMPSCOPE_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        print("TimelineClockUnclockedTests seed: \(seed) (AMPSCOPE_TEST_SEED=\(seed) replays it)")
        return seed
    }

    /// A live line: printed at kernel time `kernel` (s), idle console, arrives after 0.1–2 ms.
    struct Boot {
        var script = TimelineSessionScript()
        var random: Generator
        /// Arrival times (s) of lines printed while the console was idle, by kernel time.
        var idle: [(kernel: Double, arrival: Double)] = []

        init(seed: UInt64) {
            script.consoles.removeLast()
            random = Generator(state: seed)
        }

        mutating func live(_ kernel: Double, _ text: String) {
            let arrival = truth + kernel + random.next(0.0001...0.002)
            script.line(0, TimelineClockTests.printk(kernel, text), at: arrival)
            idle.append((kernel, arrival))
        }

        /// Lines printed at `kernels` but sent one per ms from `start` (axis s): a queue.
        mutating func queued(_ kernels: [Double], from start: Double) {
            for (index, kernel) in kernels.enumerated() {
                script.line(0, TimelineClockTests.printk(kernel, "queued line \(index)"), at: start + Double(index) * 0.001)
            }
        }

        /// Live lines every 20–60 ms from `from` to `to` (kernel s).
        mutating func liveRun(from: Double, to: Double) {
            var kernel = from
            while kernel < to {
                live((kernel * 1e6).rounded() / 1e6, "live line")
                kernel += random.next(0.02...0.06)
            }
        }
    }

    /// Checks the model against the truth: its offset, and every idle line's arrival within
    /// [model time, model time + bound].
    static func check(_ boot: Boot, label: String) throws -> KernelClockModel {
        let timeline = try boot.script.analyze(label)
        let placed = try #require(timeline.boots.first)
        let model = try #require(placed.kernelClock)
        let hostStart = Int64(try #require(placed.hostStart)) - Int64(TimelineSessionScript.anchor)
        let recovered = hostStart + model.offset
        let truth = Int64((Self.truth * 1e9).rounded())
        #expect(recovered >= truth && recovered - truth <= model.errorBound, "recovered \(recovered), truth \(truth), bound \(model.errorBound)")
        for line in boot.idle {
            let predicted = recovered + Int64((line.kernel * 1e9).rounded())
            let arrival = Int64((line.arrival * 1e9).rounded())
            #expect(arrival >= predicted - 1000 && arrival - predicted <= model.errorBound,
                    "kernel \(line.kernel) s arrived \(arrival - predicted) ns after the model's time, bound \(model.errorBound)")
        }
        return model
    }

    @Test func linesStampedBeforeTheClockRanDoNotPullTheOffset() throws {
        var boot = Boot(seed: Self.seed())
        // earlycon: 40 lines stamped 0 arrive live over the 0.43 s before the clock starts.
        for index in 0..<40 {
            boot.script.line(0, TimelineClockTests.printk(0, index == 0 ? "Booting Linux on physical CPU 0x0" : "early line \(index)"), at: Self.truth - 0.43 + Double(index) * 0.01)
        }
        boot.live(0.000101, "sched_clock: 57 bits at 63MHz, resolution 16ns, wraps every 4398046511096ns")
        boot.liveRun(from: 0.05, to: 6)
        let model = try Self.check(boot, label: "tl-unclocked")
        #expect(model.samples == boot.idle.count)
        #expect(model.errorBound < 5_000_000)
    }

    @Test func lineBeforeTheSchedClockLineIsLeftOutEvenWithATime() throws {
        var boot = Boot(seed: Self.seed())
        // A clock that advanced before sched_clock took over (a jiffies tick): its lines are not samples.
        boot.script.line(0, TimelineClockTests.printk(0.01, "early tick line"), at: Self.truth - 0.3)
        boot.live(0.000101, "sched_clock: 57 bits at 63MHz, resolution 16ns, wraps every 4398046511096ns")
        boot.liveRun(from: 0.05, to: 3)
        let model = try Self.check(boot, label: "tl-before-sched")
        #expect(model.samples == boot.idle.count)
    }

    @Test func flushAtConsoleEnableAndA115200BacklogStayAboveTheEnvelope() throws {
        var boot = Boot(seed: Self.seed())
        // No earlycon: nothing until the console is enabled at kernel 1.5 s, then the buffer
        // (kernel 0–1.5 s, the first 30 lines stamped 0) is sent one line per ms.
        let flushed = (0..<30).map { _ in 0.0 } + (1...270).map { Double($0) * 1.5 / 270 }
        boot.queued(flushed.map { ($0 * 1e6).rounded() / 1e6 }, from: Self.truth + 1.5)
        boot.liveRun(from: 1.9, to: 3)
        // A fast burst: 200 lines printed within 5 ms at kernel 3 s queue behind the UART.
        boot.queued((0..<200).map { 3.0 + Double($0) * 0.000025 }, from: Self.truth + 3.0 + 0.0005)
        boot.liveRun(from: 3.3, to: 8)
        let model = try Self.check(boot, label: "tl-flush-backlog")
        #expect(model.lateSamples >= 270)
        #expect(model.errorBound < 5_000_000)
    }

    @Test func aKernelClockRunningAtAnotherSpeedIsFollowed() throws {
        // A log replayed at 4x: printk time runs four times faster than the host's clock.
        var random = Generator(state: Self.seed())
        var script = TimelineSessionScript()
        script.consoles.removeLast()
        var lines: [(kernel: Double, arrival: Double)] = []
        var kernel = 0.05
        while kernel < 3 {
            let arrival = Self.truth + kernel / 4 + random.next(0.0001...0.002)
            script.line(0, TimelineClockTests.printk(kernel, "live line"), at: arrival)
            lines.append(((kernel * 1e6).rounded() / 1e6, arrival))
            kernel += random.next(0.04...0.2)
        }
        let boot = try #require(try script.analyze("tl-gross-rate").boots.first)
        let model = try #require(boot.kernelClock)
        let drift = try #require(model.driftPPM)
        #expect(abs(drift + 750_000) < 5_000, "drift \(drift) ppm")
        let hostStart = Int64(try #require(boot.hostStart)) - Int64(TimelineSessionScript.anchor)
        for line in lines {
            let predicted = hostStart + model.offset + Int64((line.kernel * 1e9 * (1 + drift / 1e6)).rounded())
            let arrival = Int64((line.arrival * 1e9).rounded())
            #expect(abs(arrival - predicted) <= model.errorBound, "kernel \(line.kernel) s: \(arrival - predicted) ns, bound \(model.errorBound)")
        }
    }

    @Test func aFlushCoveringTheFirstThirdIsNoRate() throws {
        // No earlycon on a slow boot: the console is enabled at kernel 3.1 s, so everything
        // before (the first third of the capture) arrives in the flush, late; live lines follow.
        var boot = Boot(seed: Self.seed())
        let flushed = (0..<30).map { _ in 0.0 } + (1...300).map { (Double($0) * 3.1 / 300 * 1e6).rounded() / 1e6 }
        boot.queued(flushed, from: Self.truth + 3.1)
        boot.liveRun(from: 3.5, to: 9)
        let model = try Self.check(boot, label: "tl-flush-third")
        #expect(model.driftPPM == nil)
    }
}
