import SystemPackage

/// Why a pseudo-terminal could not be made or used, and what to do about it.
public enum PseudoTerminalError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(errno: Int32)
    case cannotConfigure(String, errno: Int32)
    case writeFailed(String, errno: Int32)

    public var description: String {
        switch self {
        case .cannotOpen(let code):
            let hint = PseudoTerminalDevice.isExhaustion(code)
                ? " (too many open files or ptys: close some terminals, or raise /proc/sys/kernel/pty/max)"
                : " (is /dev/pts mounted?)"
            return "cannot create a pseudo-terminal: \(errnoText(code))" + hint
        case .cannotConfigure(let path, let code):
            return "cannot put \(path) in raw mode: \(errnoText(code))"
        case .writeFailed(let path, let code):
            return "writing to the pseudo-terminal behind \(path) failed: \(errnoText(code))"
        }
    }
}

/// One pseudo-terminal that plays the part of a board's UART: a consumer (a capture tool, a
/// terminal program) opens `path`; what we `enqueue` arrives there, what it types comes to `onInput`.
///
/// The slave is put in raw mode before anyone can open it, then our own slave descriptor is
/// closed. Measured on Linux 6.18 (and the behaviour is old: pty.c reports a hangup on the master
/// once the slave side has had an opener and now has none): poll() on the master returns
/// POLLHUP while no one holds the slave open, and POLLHUP clears the moment a consumer opens it.
/// Termios set through our slave descriptor survives its close, so the consumer's first read
/// sees the bytes exactly (no echo, no CR→NL). A freshly created pair does NOT report POLLHUP
/// before its first slave open, which is why the slave is opened and closed here.
public final class PseudoTerminal {
    /// The slave device (`/dev/pts/N`) a consumer opens.
    public let path: String
    /// What the consumer wrote (typed), as it arrives; called from the thread that pumps.
    public var onInput: (([UInt8]) -> Void)?

    let master: Int32
    private var isClosed = false
    private var pending: [UInt8] = []
    private var pendingStart = 0

    public init() throws(PseudoTerminalError) {
        do {
            (master, path) = try PseudoTerminalDevice.openRaw()
        } catch {
            switch error {
            case .open(let code): throw .cannotOpen(errno: code.rawValue)
            case .rawMode(let path, let code): throw .cannotConfigure(path, errno: code.rawValue)
            }
        }
    }

    deinit { close() }

    /// True while some process holds the slave open (the master reports no hangup).
    public var hasConsumer: Bool {
        guard !isClosed else { return false }
        return PseudoTerminalDevice.hasConsumer(master: master)
    }

    /// Waits until a consumer opens the slave. POLLHUP cannot be waited for to *clear*, so this
    /// checks every 5 ms. `timeout` nil waits forever; returns false on timeout.
    public func waitUntilOpened(timeout: Double?) -> Bool {
        let deadline = timeout.map { MonotonicClock.now() &+ UInt64(max(0, $0) * 1e9) }
        while !hasConsumer {
            if let deadline, MonotonicClock.now() >= deadline { return false }
            SystemClock.pause(microseconds: 5_000)
        }
        return true
    }

    /// Queues bytes for the consumer; `flushPending()` (or a `PseudoTerminalPump`) writes them.
    /// Nothing queued is ever dropped.
    public func enqueue(_ bytes: some Collection<UInt8>) {
        if pendingStart > 0 && pendingStart >= pending.count / 2 {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        pending.append(contentsOf: bytes)
    }

    public var pendingByteCount: Int { pending.count - pendingStart }

    /// Writes as much queued output as the kernel takes now; stops at EAGAIN (a full buffer, or
    /// no consumer reading). Returns the number of bytes written.
    @discardableResult
    func flushPending() throws(PseudoTerminalError) -> Int {
        var total = 0
        writing: while pendingStart < pending.count && !isClosed {
            let outcome = pending.withUnsafeBytes { raw in
                DescriptorIO.write(master, UnsafeRawBufferPointer(rebasing: raw[pendingStart...]))
            }
            let result: Int
            switch outcome {
            case .success(let written): result = written
            case .failure(.resourceTemporarilyUnavailable), .failure(.wouldBlock): break writing
            // EIO: the consumer is gone and the kernel refuses more; keep the bytes queued.
            case .failure(.ioError): break writing
            case .failure(let failure): throw .writeFailed(path, errno: failure.rawValue)
            }
            pendingStart += result
            total += result
        }
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
            pendingStart = 0
        }
        return total
    }

    /// Reads everything the consumer typed so far and hands it to `onInput`, so that its
    /// writes never block. EIO (no consumer) just means there is nothing.
    func drainInput() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isClosed {
            let result = buffer.withUnsafeMutableBytes { DescriptorIO.read(master, into: $0) }
            guard case .success(let count) = result, count > 0 else { return }
            onInput?(Array(buffer[0..<count]))
        }
    }

    /// Writes `bytes` completely, waiting for the consumer to make room (poll POLLOUT) and
    /// draining its input meanwhile. For single-terminal uses; the replayer uses a pump.
    public func writeAll(_ bytes: some Collection<UInt8>) throws(PseudoTerminalError) {
        enqueue(bytes)
        while pendingByteCount > 0 && !isClosed {
            try flushPending()
            guard pendingByteCount > 0 else { break }
            let ready = (try? Poller.wait([(master, [.writable, .readable])], timeout: 10_000_000))?.first ?? []
            if ready.contains(.readable) { drainInput() }
            // No consumer: poll reports the hangup at once, so wait here instead of spinning.
            if ready.contains(.hangup) { SystemClock.pause(microseconds: 5_000) }
        }
    }

    /// Closes the master: the consumer sees a hangup (read returns 0 or EIO).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        DescriptorIO.close(master)
    }

    public var isOpen: Bool { !isClosed }
}
