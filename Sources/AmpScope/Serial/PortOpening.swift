import SystemPackage

/// open(2) of a port path, with each failure turned into the error that tells the user what to do.
enum PortOpening {
    /// Non-blocking, never our controlling terminal (System/TerminalDeviceOpening). No tcflush
    /// follows: the first bytes the board sent while we were starting matter.
    ///
    /// DTR/RTS: we never set them (no TIOCMSET), but on a real UART Linux itself raises DTR and
    /// RTS when the port is first opened (tty_port_block_til_ready → dtr_rts), before any
    /// termios or ioctl call can run; nothing in user space can prevent that edge. Boards that
    /// reset on it need the lines cut or the adapter left open.
    static func openDescriptor(_ path: String) throws(SerialError) -> Int32 {
        switch TerminalDeviceOpening.open(path) {
        case .success(let descriptor): return descriptor
        case .failure(let failure): throw classify(openErrno: failure.rawValue, path: path)
        }
    }

    static func classify(openErrno code: Int32, path: String) -> SerialError {
        switch Errno(rawValue: code) {
        case .noSuchFileOrDirectory:
            return .noSuchPort(path: path, existing: PortInventory.existingPorts())
        case .permissionDenied, .notPermitted:
            return .permissionDenied(path: path, advice: permissionAdvice(for: path))
        case .resourceBusy:
            return .inUse(path: path, holders: PortHolders.holding(path))
        case .isDirectory:
            return .notATerminal(path: path)
        default:
            return .ioFailure(path: path, operation: "open", errno: code)
        }
    }

    static func permissionAdvice(for path: String) -> String {
        switch DeviceNodeAccess.lookUp(path: path) {
        case .failure(let failure):
            return "Its owner and mode could not be read either (\(errnoText(failure.code))); check `ls -l \(path)` and the directories above it."
        case .success(let node):
            return PermissionAdvice.advice(for: node, user: .current())
        }
    }

    /// fstat(2): only character devices can be terminals. isatty() is not used on purpose: under
    /// umockdev it answers 0 for emulated USB adapters that are perfectly usable.
    static func isCharacterDevice(_ descriptor: Int32) -> Bool {
        FileSystemProbe.characterDeviceNumber(of: descriptor) != nil
    }
}
