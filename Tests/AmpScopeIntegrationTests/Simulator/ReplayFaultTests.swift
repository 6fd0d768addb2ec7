import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite(.serialized) struct ReplayFaultTests {
    /// m4 ticks every 50 ms; a7 prints the clock-gating line at 1.000 s, split over two chunks.
    static func clockGatingSession(to directory: String) throws {
        var chunks: [(console: UInt16, seconds: Double, bytes: [UInt8])] = []
        for tick in 0..<20 { chunks.append((1, 0.05 * Double(tick), Array("tick \(tick)\r\n".utf8))) }
        chunks.append((0, 0.998, Array("[    2.058899] clk: Disabl".utf8)))
        chunks.append((0, 1.000, Array("ing unused clocks\r\n".utf8)))
        chunks.append((1, 1.050, Array("tick 20\r\n".utf8)))
        chunks.append((1, 1.110, [UInt8](repeating: UInt8(ascii: "x"), count: 198) + [0x0D, 0x0A]))
        chunks.append((1, 1.150, Array("tick 22\r\n".utf8)))
        chunks.append((0, 1.200, Array("[    2.312772] EXT4-fs (mmcblk0p2): mounted\r\n".utf8)))
        chunks.sort { $0.seconds < $1.seconds }
        try TestSession.write(to: directory, chunks: chunks)
    }

    @Test func haltCutsTheTargetMidLineAfterItsDelay() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try Self.clockGatingSession(to: scratch.path)
        let halt = Fault.halt(console: "m4", when: try TextTrigger.parse("a7:clk: Disabling unused clocks"), delayMilliseconds: 100)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 0, holdSeconds: 0.3, faults: [halt]))
        let m4 = try #require(run.received["m4"]).bytes
        // The trigger's last byte ('s' of clocks) is 2 bytes before the end of the 1.000 s chunk:
        // 1.000 s - 2 x 86 805 ns = 0.999826 s; halt at 1.099826 s. The 200-byte line ending at
        // 1.110 s: byte i left at 1.110 s - (199 - i) x 86 805 ns, which is before the halt for
        // (199 - i) x 86 805 > 10 173 610 ns, i.e. 199 - i >= 118, i <= 81: 82 bytes survive.
        let before = (0..<20).map { "tick \($0)\r\n" }.joined() + "tick 20\r\n"
        #expect(m4 == Array(before.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 82))
        #expect(run.received["a7"]?.bytes.count == 26 + 19 + 45)
        #expect(run.events.contains { if case .faultFired(let note) = $0 { note.contains("1.099") } else { false } })
    }

    @Test func haltStopsTheConsoleWithinItsDelayInRealTime() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try Self.clockGatingSession(to: scratch.path)
        let halt = Fault.halt(console: "m4", when: try TextTrigger.parse("a7:unused clocks"), delayMilliseconds: 20)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 1, holdSeconds: 0.3, faults: [halt]))
        #expect(run.received["a7"]?.bytes.count == 26 + 19 + 45)
        let m4 = try #require(run.received["m4"])
        // Halt at 0.999826 s + 20 ms on the recording's clock, whatever the machine's load: tick 19
        // (1.0 s) is kept, tick 20 (bytes from 1.0493 s) and everything after are cut. How soon
        // after the trigger the console really stopped is a figure in Benchmarks/tests.
        #expect(m4.bytes == Array((0..<20).map { "tick \($0)\r\n" }.joined().utf8))
    }

    @Test func garbageLooksLikeAWrongBaudRate() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let line = Array("Waiting for ping... Sending pong... 0123456789 abcdefghij\r\n".utf8)
        let chunks = (0..<200).map { (console: UInt16(1), seconds: 0.01 * Double($0), bytes: line) }
        try TestSession.write(to: scratch.path, chunks: chunks)
        let garble = Fault.garble(console: "m4", from: .seconds(0.995), seed: 7)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 0, holdSeconds: 0.3, faults: [garble]))
        let m4 = try #require(run.received["m4"]).bytes
        // Chunks at 0.00 ... 0.99 s (100 of them) end before 0.995 s: the last byte of the 0.99 s
        // chunk left at 0.99 s, so all 100 are clean; from 1.00 s on everything is garbage.
        let clean = Array(repeating: line, count: 100).flatMap { $0 }
        #expect(Array(m4.prefix(clean.count)) == clean)
        let garbage = Array(m4.dropFirst(clean.count))
        let sent = 100 * line.count
        #expect(garbage.count >= sent / 2 && garbage.count <= sent, "\(garbage.count) bytes out of \(sent)")
        let highBit = garbage.filter { $0 >= 0x80 }.count
        let printable = garbage.filter { (0x20...0x7E).contains($0) }.count
        let newlines = garbage.filter { $0 == 0x0A }.count
        #expect(Double(highBit) / Double(garbage.count) > 0.75)
        #expect(Double(printable) / Double(garbage.count) < 0.2)
        #expect(newlines < 100 / 2)
        // Repeatable: the same seed and input give the same garbage.
        var first = WrongBaudGarbler(seed: 7), second = WrongBaudGarbler(seed: 7)
        var a: [UInt8] = [], b: [UInt8] = []
        for byte in line { first.garble(byte, into: &a); second.garble(byte, into: &b) }
        #expect(a == b)
    }

    @Test func garbleFromTextStartsRightAfterTheTriggerOnTheSameConsole() throws {
        var engine = try FaultEngine(
            faults: [.garble(console: "m4", from: .text(try TextTrigger.parse("m4:Remote\\r\\n")), seed: 1)],
            consoles: [ConsoleDescriptor(id: 0, name: "m4", kind: .microcontroller, port: "p", settings: SerialSettings())])
        let first = engine.apply(Chunk(console: 0, sequence: 0, time: 1_000_000_000, bytes: Array("RPMSG Init as Rem".utf8)))
        #expect(first.bytes == Array("RPMSG Init as Rem".utf8))
        let second = engine.apply(Chunk(console: 0, sequence: 1, time: 1_001_000_000, bytes: Array("ote\r\nWaiting for ping...".utf8)))
        #expect(Array(second.bytes.prefix(5)) == Array("ote\r\n".utf8))
        #expect(second.bytes.dropFirst(5).filter { $0 >= 0x80 }.count >= 5)
    }

    @Test func dropEveryNthRemovesExactlyThatMany() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        // 1 000 chunks of 37 bytes = 37 000 bytes: every 10th goes, 3 700 of them.
        let chunks = (0..<1000).map { (console: UInt16(0), seconds: 0.001 * Double($0), bytes: [UInt8](repeating: UInt8(48 + $0 % 10), count: 37)) }
        try TestSession.write(to: scratch.path, chunks: chunks)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 0, holdSeconds: 0.3, faults: [.drop(console: "a7", pattern: .everyNth(10))]))
        let a7 = try #require(run.received["a7"]).bytes
        #expect(a7.count == 37_000 - 3_700)
        #expect(run.summary?.bytesDropped["a7"] == 3_700)
        // Byte 10 (1-based) of the stream is gone: the first chunk loses its 10th, 20th, 30th byte.
        #expect(Array(a7.prefix(34)) == [UInt8](repeating: 48, count: 34))
        #expect(run.received["m4"]?.bytes.isEmpty == true)
    }

    @Test func dropAtRandomIsNearItsRateAndRepeatable() throws {
        func survivors(seed: UInt64) throws -> Int {
            var engine = try FaultEngine(
                faults: [.drop(console: "m4", pattern: .random(rate: 0.1, seed: seed))],
                consoles: [ConsoleDescriptor(id: 0, name: "m4", kind: .microcontroller, port: "p", settings: SerialSettings())])
            return (0..<100).reduce(0) { total, index in
                total + engine.apply(Chunk(console: 0, sequence: UInt64(index), time: UInt64(index) * 1_000_000, bytes: [UInt8](repeating: 65, count: 100))).bytes.count
            }
        }
        let kept = try survivors(seed: 42)
        #expect(kept >= 8_800 && kept <= 9_200, "kept \(kept) of 10 000 at a 10% drop rate")
        #expect(try survivors(seed: 42) == kept)
    }

    @Test func faultsOnUnknownConsolesAreRefused() throws {
        #expect(throws: FaultSpecError.self) {
            _ = try FaultEngine(faults: [.drop(console: "m7", pattern: .everyNth(2))],
                                consoles: [ConsoleDescriptor(id: 0, name: "m4", kind: .microcontroller, port: "p", settings: SerialSettings())])
        }
        #expect(throws: FaultSpecError.self) {
            _ = try Fault.fromCommandLine(halt: ["m4"], when: [], delayMilliseconds: [], garble: [], from: [], drop: [], every: [], rate: [], seed: 1)
        }
        #expect(throws: FaultSpecError.self) { _ = try TextTrigger.parse("no-colon-here") }
        let parsed = try Fault.fromCommandLine(
            halt: ["m4"], when: ["a7:clk: Disabling unused clocks"], delayMilliseconds: [5],
            garble: ["m4"], from: ["2.5"], drop: ["a7"], every: [3], rate: [], seed: 9)
        #expect(parsed == [
            .halt(console: "m4", when: TextTrigger(console: "a7", text: Array("clk: Disabling unused clocks".utf8)), delayMilliseconds: 5),
            .garble(console: "m4", from: .seconds(2.5), seed: 9),
            .drop(console: "a7", pattern: .everyNth(3)),
        ])
    }
}
