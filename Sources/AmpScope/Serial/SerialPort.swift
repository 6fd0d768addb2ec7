import SystemPackage

/// An open, configured serial port: raw mode, the asked line settings, exclusive, non-blocking.
/// Owned by one thread at a time (hence @unchecked Sendable: it may be handed over, not shared).
public final class SerialPort: @unchecked Sendable {
    public struct OpenOptions: Sendable {
        /// Take flock(LOCK_EX) and TIOCEXCL so no other program reads (and steals) our bytes.
        public var exclusive = true
        public init(exclusive: Bool = true) { self.exclusive = exclusive }
    }

    public let path: String
    public let settings: SerialSettings
    /// The baud rate the driver reports after configuration (within 2.5% of `settings.baud`).
    public let actualBaud: Int
    /// What the port reports back after configuration, e.g.
    /// "115200 8N1, raw, CLOCAL, HUPCL off; DTR/RTS untouched (DTR on, RTS on); locked (flock + TIOCEXCL)".
    public let appliedDescription: String
    public var fileDescriptor: Int32 { descriptor }
    /// A pseudo-terminal rather than a UART: its path names another program's terminal once closed.
    public var isPseudoTerminal: Bool { FileSystemProbe.isPseudoTerminalSlave(descriptor) }

    private var descriptor: Int32
    private let saved: SavedState

    /// What the port had before we configured it, put back by close().
    private struct SavedState {
        var attributes: TerminalAttributes
        var outputBaud: Int?
        var lock: PortLock?
    }

    private init(
        path: String, settings: SerialSettings, descriptor: Int32, saved: SavedState, actualBaud: Int,
        appliedDescription: String
    ) {
        self.path = path
        self.settings = settings
        self.descriptor = descriptor
        self.saved = saved
        self.actualBaud = actualBaud
        self.appliedDescription = appliedDescription
    }

    deinit { close() }

    public static func open(
        path: String, settings: SerialSettings, options: OpenOptions = .init()
    ) throws(SerialError) -> SerialPort {
        try validate(settings, path: path)
        let descriptor = try PortOpening.openDescriptor(path)
        guard PortOpening.isCharacterDevice(descriptor) else {
            DescriptorIO.close(descriptor)
            throw .notATerminal(path: path)
        }
        let original: TerminalAttributes
        do {
            original = try TerminalAttributes.read(from: descriptor)
        } catch {
            DescriptorIO.close(descriptor)
            if error.errno == .inappropriateIOCTLForDevice || error.errno == .invalidArgument { throw .notATerminal(path: path) }
            throw .ioFailure(path: path, operation: "tcgetattr", errno: error.code)
        }

        var lock: PortLock?
        if options.exclusive {
            do {
                lock = try PortLock.acquire(on: descriptor)
            } catch {
                // Close first, so the holder list shows the others and not this attempt.
                let device = FileSystemProbe.characterDeviceNumber(of: descriptor)
                DescriptorIO.close(descriptor)
                switch error {
                case .heldByAnother: throw .inUse(path: path, holders: PortHolders.holding(path, device: device))
                case .system(let operation, let failure):
                    throw .ioFailure(path: path, operation: operation, errno: failure.code)
                }
            }
        }

        let saved = SavedState(
            attributes: original, outputBaud: try? BaudRate.readBack(from: descriptor).output, lock: lock)
        do throws(SerialError) {
            let actualBaud = try configure(descriptor, path: path, settings: settings, original: original)
            let readBack = try readAttributes(descriptor, path: path)
            let description = describe(
                readBack, actualBaud: actualBaud, asked: settings.baud,
                modemLines: ModemLines.read(from: descriptor), lock: lock)
            return SerialPort(
                path: path, settings: settings, descriptor: descriptor, saved: saved, actualBaud: actualBaud,
                appliedDescription: description)
        } catch {
            restore(saved, on: descriptor)
            DescriptorIO.close(descriptor)
            throw error
        }
    }

    /// Non-blocking read; hangup = EOF/EIO/ENXIO/ENODEV (adapter unplugged, PTY master closed).
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> ConsoleReadResult {
        guard descriptor >= 0 else { return .hangup("\(path) was closed by ampscope") }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .bytes(0) }
        switch DescriptorIO.read(descriptor, into: UnsafeMutableRawBufferPointer(start: base, count: buffer.count)) {
        case .success(let count) where count > 0: return .bytes(count)
        case .success: return .hangup("\(path) hung up (end of file): the device or the other end went away")
        case .failure(let failure):
            switch failure {
            case .resourceTemporarilyUnavailable: return .wouldBlock
            case .ioError, .noSuchAddressOrDevice, .operationNotSupportedByDevice:
                return .hangup(
                    "\(path) hung up (\(errnoText(failure.rawValue))): the adapter was unplugged or the other end closed")
            default:
                return .hangup("reading \(path) failed: \(errnoText(failure.rawValue))")
            }
        }
    }

    /// Non-blocking write; returns bytes written (may be partial / 0 when full).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SerialError) -> Int {
        guard descriptor >= 0 else { throw .ioFailure(path: path, operation: "write", errno: Errno.badFileDescriptor.rawValue) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        switch DescriptorIO.write(descriptor, UnsafeRawBufferPointer(start: base, count: bytes.count)) {
        case .success(let count): return count
        case .failure(let failure) where failure == .resourceTemporarilyUnavailable: return 0
        case .failure(let failure): throw .ioFailure(path: path, operation: "write", errno: failure.rawValue)
        }
    }

    /// Restores the settings found at open, releases locks, closes. Idempotent. Also called by deinit.
    public func close() {
        guard descriptor >= 0 else { return }
        Self.restore(saved, on: descriptor)
        DescriptorIO.close(descriptor)
        descriptor = -1
    }

    // MARK: - Configuration

    private static func validate(_ settings: SerialSettings, path: String) throws(SerialError) {
        if !(5...8).contains(settings.dataBits) {
            throw .unsupportedSettings(path: path, detail: "\(settings.dataBits) data bits (5 to 8 are possible)")
        }
        if settings.stopBits != 1 && settings.stopBits != 2 {
            throw .unsupportedSettings(path: path, detail: "\(settings.stopBits) stop bits (1 or 2 are possible)")
        }
        if settings.baud <= 0 || settings.baud > Int(UInt32.max) {
            throw .unsupportedSettings(path: path, detail: "a baud rate of \(settings.baud)")
        }
    }

    /// Applies raw mode and the settings, then checks what the driver kept; returns the baud rate read back.
    private static func configure(
        _ descriptor: Int32, path: String, settings: SerialSettings, original: TerminalAttributes
    ) throws(SerialError) -> Int {
        var wanted = Termios.raw(from: original, settings: settings)
        let standardSpeed = BaudRate.standardSpeed(for: settings.baud)
        if let standardSpeed { wanted.setSpeed(standardSpeed) }
        do {
            try wanted.apply(to: descriptor)
        } catch {
            if error.errno == .invalidArgument {
                throw .unsupportedSettings(
                    path: path, detail: "tcsetattr refused \(settings.summary) (\(errnoText(error.code)))")
            }
            throw .ioFailure(path: path, operation: "tcsetattr", errno: error.code)
        }
        if standardSpeed == nil {
            do {
                try BaudRate.setCustom(settings.baud, on: descriptor)
            } catch {
                throw .unsupportedSettings(
                    path: path,
                    detail: "the driver refused the non-standard rate \(settings.baud) baud (\(errnoText(error.code)))")
            }
        }

        // tcsetattr succeeds if the driver took any part of the request, so check every part.
        let applied = try readAttributes(descriptor, path: path)
        let askedFormat = LineFormat(settings)
        let appliedFormat = LineFormat(applied)
        if askedFormat != appliedFormat {
            throw .unsupportedSettings(
                path: path, detail: "asked for \(askedFormat.text), the driver set \(appliedFormat.text)")
        }
        let deviations = RawModeCheck.deviations(applied, flowControl: settings.flowControl)
        if !deviations.isEmpty {
            throw .unsupportedSettings(
                path: path, detail: "raw mode did not take: \(deviations.joined(separator: ", "))")
        }
        let rates: (input: Int, output: Int)
        do {
            rates = try BaudRate.readBack(from: descriptor)
        } catch {
            throw .ioFailure(path: path, operation: "reading back the baud rate (TCGETS2)", errno: error.code)
        }
        for (direction, rate) in [("output", rates.output), ("input", rates.input)]
        where abs(BaudRate.deviation(asked: settings.baud, actual: rate)) > BaudRate.tolerableDeviation {
            throw .unsupportedSettings(
                path: path,
                detail: "asked for \(settings.baud) baud, the driver set \(rate) baud for \(direction) "
                    + "(\(percentText(BaudRate.deviation(asked: settings.baud, actual: rate))))")
        }
        return rates.output
    }

    private static func readAttributes(_ descriptor: Int32, path: String) throws(SerialError) -> TerminalAttributes {
        do {
            return try TerminalAttributes.read(from: descriptor)
        } catch {
            throw .ioFailure(path: path, operation: "tcgetattr", errno: error.code)
        }
    }

    /// Puts back the attributes found at open, except HUPCL: restoring it would make our own
    /// close() drop DTR, and DTR is often wired to the board's reset.
    private static func restore(_ saved: SavedState, on descriptor: Int32) {
        try? saved.attributes.withoutHangUpOnClose().apply(to: descriptor)
        // A custom rate found at open is only carried by termios2; tcsetattr cannot put it back.
        if let outputBaud = saved.outputBaud, (try? BaudRate.readBack(from: descriptor).output) != outputBaud {
            try? BaudRate.setCustom(outputBaud, on: descriptor)
        }
        saved.lock?.release()
    }

    static func describe(
        _ attributes: TerminalAttributes, actualBaud: Int, asked: Int, modemLines: ModemLines?, lock: PortLock?
    ) -> String {
        var rate = "\(actualBaud)"
        if actualBaud != asked {
            rate += " (asked \(asked), \(percentText(BaudRate.deviation(asked: asked, actual: actualBaud))))"
        }
        let clocal = attributes.ignoresModemStatus ? "CLOCAL" : "CLOCAL off"
        let hupcl = attributes.hangsUpOnClose ? "HUPCL on" : "HUPCL off"
        let locking = lock?.summary ?? "not locked"
        return "\(rate) \(LineFormat(attributes).text), raw, \(clocal), \(hupcl); "
            + "\(ModemLines.summary(modemLines)); \(locking)"
    }

    static func percentText(_ fraction: Double) -> String {
        let tenths = Int((fraction * 1000).rounded())
        let sign = tenths < 0 ? "-" : "+"
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }
}
