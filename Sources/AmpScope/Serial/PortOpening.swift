import Glibc

/// open(2) of a port path, with each failure turned into the error that tells the user what to do.
enum PortOpening {
    /// O_NONBLOCK: neither open (waiting for carrier) nor read may block the capture loop.
    /// O_NOCTTY: a serial port must never become our controlling terminal. No tcflush follows:
    /// the first bytes the board sent while we were starting matter.
    ///
    /// DTR/RTS: we never set them (no TIOCMSET), but on a real UART Linux itself raises DTR and
    /// RTS when the port is first opened (tty_port_block_til_ready → dtr_rts), before any
    /// termios or ioctl call can run; nothing in user space can prevent that edge. Boards that
    /// reset on it need the lines cut or the adapter left open.
    static func openDescriptor(_ path: String) throws(SerialError) -> Int32 {
        switch SystemCall.retryingInterrupts({ open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) }) {
        case .success(let descriptor): return descriptor
        case .failure(let failure): throw classify(openErrno: failure.rawValue, path: path)
        }
    }

    static func classify(openErrno code: Int32, path: String) -> SerialError {
        switch code {
        case ENOENT:
            return .noSuchPort(path: path, existing: PortInventory.existingPorts())
        case EACCES, EPERM:
            return .permissionDenied(path: path, advice: permissionAdvice(for: path))
        case EBUSY:
            return .inUse(path: path, holders: PortHolders.holding(path))
        case EISDIR:
            return .notATerminal(path: path)
        default:
            return .ioFailure(path: path, operation: "open", errno: code)
        }
    }

    static func permissionAdvice(for path: String) -> String {
        guard let node = DeviceNodeAccess.read(path: path) else {
            return "Its owner and mode could not be read either (\(errnoText(errno))); check `ls -l \(path)` and the directories above it."
        }
        return PermissionAdvice.advice(for: node, user: .current())
    }

    /// fstat(2): only character devices can be terminals. isatty() is not used on purpose: under
    /// umockdev it answers 0 for emulated USB adapters that are perfectly usable.
    static func isCharacterDevice(_ descriptor: Int32) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFCHR
    }
}
