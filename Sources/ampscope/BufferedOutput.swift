import Foundation

/// Standard output gathered into blocks of `capacity` bytes: `analyze --format json` writes a
/// few pieces per boot, and one write(2) plus a Data per piece was a few percent of a soak log's
/// analysis. Call `flush()` before exiting (the text output is not buffered: people watch it).
final class BufferedOutput {
    private let handle: FileHandle
    private let capacity: Int
    private var pending: [UInt8] = []

    init(_ handle: FileHandle = .standardOutput, capacity: Int = 1 << 18) {
        self.handle = handle
        self.capacity = capacity
        pending.reserveCapacity(capacity)
    }

    func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }
}
