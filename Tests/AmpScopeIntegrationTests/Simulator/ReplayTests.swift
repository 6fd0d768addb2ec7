import Foundation
import Glibc
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite(.serialized) struct ReplayTests {
    @Test func bytesArriveExactlyAsRecorded() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let bigLine = (0..<(1 << 20)).map { UInt8(0x20 + $0 % 95) } + [0x0D, 0x0A]
        let chunks: [(console: UInt16, seconds: Double, bytes: [UInt8])] = [
            (0, 0.000, Array("U-Boot 2016.11\r\n".utf8)),
            (1, 0.001, [0x00, 0xFF, 0x00, 0x0D]),                        // NUL, 0xFF, lone CR
            (0, 0.002, Array("\u{1B}[0;32m OK \u{1B}[0m\r".utf8)),       // ESC sequences, lone CR
            (1, 0.003, bigLine),                                           // a 1 MB line
            (0, 0.004, [0x0A, 0x7F, 0x80, 0xFE, 0x03, 0x04, 0x11, 0x13]),  // ^C ^D XON XOFF
            (1, 0.005, Array("RPMSG Init as Remote\r\n".utf8)),
        ]
        try TestSession.write(to: scratch.path, chunks: chunks)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 0, holdSeconds: 0.5))
        #expect(run.error == nil)
        let a7 = chunks.filter { $0.console == 0 }.flatMap(\.bytes)
        let m4 = chunks.filter { $0.console == 1 }.flatMap(\.bytes)
        #expect(run.received["a7"]?.bytes == a7)
        #expect(run.received["m4"]?.bytes.count == m4.count)
        #expect(run.received["m4"]?.bytes == m4)
        #expect(run.summary?.chunks == 6)
        #expect(run.summary?.bytesWritten == ["a7": a7.count, "m4": m4.count])
    }

    @Test func chunksArriveAtTheirRecordedOffsets() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        // 24 chunks over 2.3 s, alternating consoles, uneven gaps: errors would add up over 24 waits.
        var chunks: [(console: UInt16, seconds: Double, bytes: [UInt8])] = []
        var time = 0.0
        for index in 0..<24 {
            chunks.append((UInt16(index % 2), time, Array("line \(index)\r\n".utf8)))
            time += index % 3 == 0 ? 0.150 : 0.060
        }
        try TestSession.write(to: scratch.path, chunks: chunks)
        let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: 1, holdSeconds: 0.2))
        #expect(run.error == nil)

        var arrivals: [UInt64] = []
        var offsets = ["a7": 0, "m4": 0]
        for chunk in chunks {
            let name = chunk.console == 0 ? "a7" : "m4"
            let received = try #require(run.received[name])
            arrivals.append(try #require(received.arrival(ofByte: offsets[name]!)))
            offsets[name]! += chunk.bytes.count
        }
        // No chunk comes before its recorded offset from the replay's start (a replayer that
        // ignored the timing would deliver them all at once); how late they come is load, and a
        // figure in Benchmarks/tests.
        for (index, chunk) in chunks.enumerated() {
            let due = run.started + UInt64(chunk.seconds * 1e9)
            #expect(arrivals[index] >= due, "chunk \(index): recorded at \(chunk.seconds) s, arrived \(Int64(bitPattern: due &- arrivals[index])) ns early")
        }
        #expect(zip(arrivals, arrivals.dropFirst()).allSatisfy { $0 < $1 }, "chunks arrived out of order")
    }

    @Test func speedScalesTheTimeline() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try TestSession.write(to: scratch.path, chunks: [(0, 0, Array("a\r\n".utf8)), (1, 0.5, Array("b\r\n".utf8)), (0, 1.0, Array("c\r\n".utf8))])
        // The same formula slows and speeds up: at 0.5 the 1.0 s line cannot come before 2 s (at
        // 1 it would come at 1 s), at 4 not before 0.25 s; how close it comes is Benchmarks/tests.
        for speed in [0.5, 4] {
            let run = try ReplayRun.run(directory: scratch.path, options: ReplayOptions(speed: speed, holdSeconds: 0.1))
            let a7 = try #require(run.received["a7"])
            let last = try #require(a7.arrival(ofByte: 3))
            let due = run.started + UInt64(1e9 / speed)
            #expect(last >= due, "speed \(speed): 1.0 s recorded came \(Int64(bitPattern: due &- last)) ns before \(1 / speed) s")
        }
    }

    @Test func nothingIsWrittenUntilEveryConsoleIsOpened() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        try TestSession.write(to: scratch.path, chunks: [(0, 0, Array("first a7 line\r\n".utf8)), (1, 0, Array("m4\r\n".utf8))])
        let replayer = try Replayer(reader: try SessionReader(directory: scratch.path), options: ReplayOptions(speed: 0, holdSeconds: 0.3))
        let paths = replayer.consoles.map(\.path)
        let handover = Handover(replayer)
        let done = DispatchSemaphore(value: 0)
        // a7 is open before the replay starts; the replay's own word that it waits for m4 is the
        // moment by which a replayer that did not wait would already have written to a7.
        let a7 = PlainConsumer.open(paths[0])
        try #require(a7 >= 0)
        let events = LockedList<ReplayEvent>()
        Thread {
            _ = try? handover.value.run { events.append($0) }
            done.signal()
        }.start()
        try waitUntil("the replay says it waits for m4 (events: \(events.values))") { events.values.contains(.waitingForConsumers(["m4"])) }
        var entry = pollfd(fd: a7, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 0) == 0, "a7 received bytes before m4 was opened")
        let m4 = PlainConsumer.open(paths[1])
        try #require(m4 >= 0)
        let received = PlainConsumer.readUntilHangup([a7, m4])
        done.wait()
        #expect(received[0].bytes == Array("first a7 line\r\n".utf8))
        #expect(received[1].bytes == Array("m4\r\n".utf8))
    }

    @Test func slaveIsRawBeforeTheConsumerOpensIt() throws {
        let terminal = try PseudoTerminal()
        #expect(!terminal.hasConsumer)
        try terminal.writeAll(Array("a\rb\nc".utf8))
        let consumer = PlainConsumer.open(terminal.path)
        try #require(consumer >= 0)
        #expect(terminal.waitUntilOpened(timeout: hangDeadline))
        var settings = termios()
        #expect(tcgetattr(consumer, &settings) == 0)
        #expect(settings.c_lflag & tcflag_t(ICANON | ECHO) == 0)
        #expect(settings.c_iflag & tcflag_t(ICRNL) == 0)
        #expect(settings.c_oflag & tcflag_t(OPOST) == 0)
        // Read before closing the master: a pty hangup discards what the consumer has not read.
        var entry = pollfd(fd: consumer, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, Int32(hangDeadline * 1000)) == 1)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(consumer, &buffer, buffer.count)
        #expect(Array(buffer.prefix(max(count, 0))) == Array("a\rb\nc".utf8))
        close(consumer)
        terminal.close()
    }

    @Test func whatTheConsumerTypesReachesTheCallback() throws {
        let terminal = try PseudoTerminal()
        let typed = Handover([UInt8]())
        terminal.onInput = { typed.value += $0 }
        let consumer = Glibc.open(terminal.path, O_RDWR | O_NOCTTY)
        try #require(consumer >= 0)
        defer { close(consumer) }
        #expect(write(consumer, "bootaux 0x7F8000\r", 17) == 17)
        let pump = PseudoTerminalPump(terminals: [terminal], interruptDescriptor: nil)
        let outcome = try pump.run(until: MonotonicClock.now() + 10_000_000_000) { typed.value.count >= 17 }
        #expect(outcome == .conditionMet)
        #expect(typed.value == Array("bootaux 0x7F8000\r".utf8))
    }
}
