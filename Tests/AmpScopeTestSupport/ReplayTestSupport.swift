import Foundation
import Glibc
import AmpScope

/// A fresh directory under /tmp, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ampscope-test-\(getpid())-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Moves a non-Sendable value to another thread in a test (the test hands it over and does
/// not touch it again until the thread is done).
final class Handover<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// What a plain consumer received on one pseudo-terminal: each read with its arrival time.
struct ReceivedConsole {
    var reads: [(time: UInt64, bytes: [UInt8])] = []
    var bytes: [UInt8] { reads.flatMap(\.bytes) }

    /// Arrival time of the read that brought byte number `offset` (0-based).
    func arrival(ofByte offset: Int) -> UInt64? {
        var seen = 0
        for read in reads {
            seen += read.bytes.count
            if seen > offset { return read.time }
        }
        return nil
    }
}

/// Opens slave paths with open(2) and reads them with read(2) until each hangs up
/// (the replayer closed its master) or `timeout` passes.
enum PlainConsumer {
    static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
    }

    static func readUntilHangup(_ descriptors: [Int32], timeout: Double = hangDeadline) -> [ReceivedConsole] {
        var received = Array(repeating: ReceivedConsole(), count: descriptors.count)
        var open = Set(descriptors.indices)
        let deadline = MonotonicClock.now() + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty && MonotonicClock.now() < deadline {
            var entries = open.sorted().map { pollfd(fd: descriptors[$0], events: Int16(POLLIN), revents: 0) }
            _ = poll(&entries, nfds_t(entries.count), 100)
            for (slot, index) in open.sorted().enumerated() where entries[slot].revents != 0 {
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptors[index], $0.baseAddress!, $0.count) }
                    if count > 0 {
                        received[index].reads.append((MonotonicClock.now(), Array(buffer[0..<count])))
                        continue
                    }
                    if count < 0 && errno == EAGAIN { break }
                    if count < 0 && errno == EINTR { continue }
                    open.remove(index)  // 0 or EIO: the master is gone
                    break
                }
            }
        }
        descriptors.forEach { _ = close($0) }
        return received
    }
}

/// Runs a replay on a background thread and consumes it with a plain reader.
struct ReplayRun {
    var consoles: [ReplayConsole]
    var received: [String: ReceivedConsole]
    var summary: ReplaySummary?
    var events: [ReplayEvent]
    var error: ReplayError?
    /// CLOCK_MONOTONIC just before the replayer was started: no chunk may arrive before
    /// this plus its scheduled offset.
    var started: UInt64 = 0

    static func run(directory: String, options: ReplayOptions) throws -> ReplayRun {
        let reader = try SessionReader(directory: directory)
        let replayer = try Replayer(reader: reader, options: options)
        let consoles = replayer.consoles
        let descriptors = consoles.map { PlainConsumer.open($0.path) }
        let handover = Handover((replayer, ReplaySummary?.none, [ReplayEvent](), ReplayError?.none))
        let done = DispatchSemaphore(value: 0)
        let started = MonotonicClock.now()
        Thread {
            var events: [ReplayEvent] = []
            do {
                handover.value.1 = try handover.value.0.run { events.append($0) }
            } catch {
                handover.value.3 = error as? ReplayError
            }
            handover.value.2 = events
            done.signal()
        }.start()
        let received = PlainConsumer.readUntilHangup(descriptors)
        done.wait()
        var byName: [String: ReceivedConsole] = [:]
        for (index, console) in consoles.enumerated() { byName[console.name] = received[index] }
        return ReplayRun(consoles: consoles, received: byName, summary: handover.value.1, events: handover.value.2, error: handover.value.3, started: started)
    }
}

/// Writes a session with SessionWriter from (console, seconds, bytes) triples.
enum TestSession {
    static let anchor: UInt64 = 9_000_000_000_000

    static func write(
        to directory: String, consoles: [String] = ["a7", "m4"], baud: Int = 115_200,
        chunks: [(console: UInt16, seconds: Double, bytes: [UInt8])]
    ) throws {
        let descriptors = consoles.enumerated().map { index, name in
            ConsoleDescriptor(id: UInt16(index), name: name, kind: ConsoleDescriptor.inferredKind(forName: name),
                              port: "/dev/test\(index)", settings: SerialSettings(baud: baud))
        }
        let header = SessionHeader(toolVersion: "test", host: "test", monotonicAnchor: anchor,
                                   wallClockNanoseconds: 0, consoles: descriptors, commandLine: [])
        let writer = try SessionWriter(directory: directory, header: header)
        for (sequence, chunk) in chunks.enumerated() {
            writer.append(.chunk(Chunk(console: chunk.console, sequence: UInt64(sequence),
                                       time: anchor + UInt64((chunk.seconds * 1e9).rounded()), bytes: chunk.bytes)))
        }
        try writer.close()
    }
}
