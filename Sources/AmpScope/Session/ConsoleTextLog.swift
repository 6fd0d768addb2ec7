import Foundation

/// The human-readable companion of a session: one file per console, one line per console
/// line, each stamped with seconds since the capture started, written as the capture runs.
/// Lossy on purpose (escape sequences stripped, control bytes made visible); the session
/// file keeps the exact bytes.
public final class ConsoleTextLog {
    public let path: String
    private let sink: FileSink
    private var assembler: LineAssembler
    private let header: SessionHeader
    private let clock: SessionExporter.Clock

    public init(directory: String, console: ConsoleDescriptor, header: SessionHeader, clock: SessionExporter.Clock = .relative) throws(SessionError) {
        path = directory + "/" + console.name + ".log"
        sink = try FileSink(creating: path)
        assembler = LineAssembler(console: console.id)
        self.header = header
        self.clock = clock
        // Milliseconds, so an import of this file puts its relative stamps on the wall clock.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let started = formatter.string(
            from: Date(timeIntervalSince1970: Double(header.wallClockNanoseconds) / 1e9))
        sink.append(Array("# ampscope \(header.toolVersion): console \(console.name) on \(console.port), \(console.settings.summary), started \(started); stamps: \(Self.legend(clock))\n".utf8))
    }

    public func append(_ bytes: some Collection<UInt8>, time: UInt64) {
        assembler.append(bytes, time: time) { line in write(line) }
    }

    /// A line that is not console output: hangups, markers, keyboard input.
    public func note(_ text: String, time: UInt64) {
        sink.append(Array("\(SessionExporter.stamp(time, clock: clock, header: header)) --- \(text) ---\n".utf8))
    }

    public func finish(time: UInt64) {
        assembler.finish(time: time) { line in write(line) }
    }

    public func flush() throws(SessionError) { try sink.flush() }
    public func close() throws(SessionError) { try sink.close() }

    private func write(_ line: Line) {
        let text = LineText.render(line.raw).text
        sink.append(Array("\(SessionExporter.stamp(line.firstByteTime, clock: clock, header: header)) \(text)\n".utf8))
    }

    static func legend(_ clock: SessionExporter.Clock) -> String {
        switch clock {
        case .relative: return "[+seconds since the capture started] at each line's first byte"
        case .wall: return "[UTC date and time] at each line's first byte"
        case .epoch: return "[seconds since 1970] at each line's first byte"
        }
    }

    /// `[+   12.345678]`: host seconds since the capture started (not the target's printk time).
    public static func stamp(_ time: UInt64, origin: UInt64) -> String {
        let nanoseconds = Int64(bitPattern: time &- origin)
        let sign = nanoseconds < 0 ? "-" : "+"
        let magnitude = nanoseconds.magnitude
        let seconds = magnitude / 1_000_000_000
        let micros = (magnitude % 1_000_000_000) / 1000
        let secondsText = String(seconds)
        let microsText = String(micros)
        let padded = String(repeating: " ", count: Swift.max(0, 5 - secondsText.count)) + secondsText
        return "[\(sign)\(padded).\(String(repeating: "0", count: 6 - microsText.count))\(microsText)]"
    }
}
