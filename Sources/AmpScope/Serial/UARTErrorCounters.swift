/// The kernel's count of received bytes a UART lost or got damaged (TIOCGICOUNT), as ftdi_sio,
/// cp210x, the i.MX UART and other serial-core drivers keep it.
public struct UARTErrorCounters: Sendable, Equatable, Codable {
    /// The chip's receive FIFO overflowed: bytes lost.
    public var overrun: UInt32
    /// The tty layer's buffer was full (the reader fell behind): bytes lost.
    public var bufferOverrun: UInt32
    public var framing: UInt32
    public var parity: UInt32
    public var breaks: UInt32

    public init(overrun: UInt32 = 0, bufferOverrun: UInt32 = 0, framing: UInt32 = 0, parity: UInt32 = 0, breaks: UInt32 = 0) {
        self.overrun = overrun
        self.bufferOverrun = bufferOverrun
        self.framing = framing
        self.parity = parity
        self.breaks = breaks
    }

    /// What changed since `earlier`; nil when nothing did. Counters that went down (a driver
    /// that reset them) count from zero.
    public func loss(since earlier: UARTErrorCounters) -> UARTLoss? {
        func step(_ now: UInt32, _ before: UInt32) -> UInt32 { now >= before ? now - before : now }
        let loss = UARTLoss(
            overrun: step(overrun, earlier.overrun), bufferOverrun: step(bufferOverrun, earlier.bufferOverrun),
            framing: step(framing, earlier.framing), parity: step(parity, earlier.parity), breaks: step(breaks, earlier.breaks))
        return loss.isEmpty ? nil : loss
    }

    public var summary: String {
        "overrun \(overrun), buffer overrun \(bufferOverrun), framing \(framing), parity \(parity), break \(breaks)"
    }
}

/// Received bytes lost or damaged between two readings of the counters.
public struct UARTLoss: Sendable, Equatable {
    public var overrun: UInt32
    public var bufferOverrun: UInt32
    public var framing: UInt32
    public var parity: UInt32
    public var breaks: UInt32

    public init(overrun: UInt32, bufferOverrun: UInt32, framing: UInt32, parity: UInt32, breaks: UInt32) {
        self.overrun = overrun
        self.bufferOverrun = bufferOverrun
        self.framing = framing
        self.parity = parity
        self.breaks = breaks
    }

    public var isEmpty: Bool { overrun == 0 && bufferOverrun == 0 && framing == 0 && parity == 0 && breaks == 0 }

    /// "3 bytes lost to UART overrun, 1 byte lost to a full tty buffer, 2 framing errors".
    public var description: String {
        func count(_ value: UInt32, _ one: String, _ many: String) -> String { "\(value) \(value == 1 ? one : many)" }
        var parts: [String] = []
        if overrun > 0 { parts.append(count(overrun, "byte", "bytes") + " lost to UART overrun") }
        if bufferOverrun > 0 { parts.append(count(bufferOverrun, "byte", "bytes") + " lost to a full tty buffer (the reader fell behind)") }
        if framing > 0 { parts.append(count(framing, "framing error", "framing errors")) }
        if parity > 0 { parts.append(count(parity, "parity error", "parity errors")) }
        if breaks > 0 { parts.append(count(breaks, "break", "breaks")) }
        return parts.joined(separator: ", ")
    }
}

/// Whether a port's driver keeps error counters, and their values.
public enum UARTCounterReading: Sendable, Equatable {
    case counters(UARTErrorCounters)
    /// The driver keeps none; the text says why, for the session header.
    case notKept(String)

    /// Reads TIOCGICOUNT on an open descriptor.
    static func read(descriptor: Int32) -> UARTCounterReading {
        switch SerialLineControl.errorCounters(descriptor) {
        case .failure(let code):
            return .notKept("the driver keeps no error counters (TIOCGICOUNT: \(errnoText(code.rawValue)))")
        case .success(let raw):
            return .counters(UARTErrorCounters(
                overrun: raw.overrun, bufferOverrun: raw.bufferOverrun, framing: raw.framing, parity: raw.parity, breaks: raw.breaks))
        }
    }

    /// For the session header: where loss can and cannot be seen.
    public var headerText: String {
        switch self {
        case .counters(let counters): return "kept by the driver (TIOCGICOUNT); at open: \(counters.summary)"
        case .notKept(let why): return "not kept: \(why); bytes lost inside the adapter or driver cannot be detected"
        }
    }
}

extension SerialPort {
    /// The driver's error counters now.
    public func readErrorCounters() -> UARTCounterReading { UARTCounterReading.read(descriptor: fileDescriptor) }
}
