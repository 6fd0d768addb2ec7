import SystemPackage
#if canImport(Glibc)
import Glibc
#endif
import CAmpScopeShims

/// The raw calls behind the simulator's pseudo-terminals: a new pair in raw mode, whether a
/// consumer holds its slave open, and the few errnos its messages tell apart.
enum PseudoTerminalDevice {
    enum Failure: Error {
        /// openpty failed: no pseudo-terminal could be made.
        case open(Errno)
        /// The slave at `path` could not be put in raw mode.
        case rawMode(path: String, Errno)
    }

    /// A new pair: the slave put in raw mode through a descriptor of our own, which is closed
    /// again (so the master reports a hangup until a consumer opens it); the master non-blocking.
    static func openRaw() throws(Failure) -> (master: Int32, path: String) {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard ampscope_open_pty(&masterFD, &slaveFD, &name, name.count) == 0 else { throw .open(Errno(rawValue: errno)) }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var settings = termios()
        if tcgetattr(slaveFD, &settings) != 0 || { cfmakeraw(&settings); return tcsetattr(slaveFD, TCSANOW, &settings) }() != 0 {
            let code = Errno(rawValue: errno)
            close(slaveFD)
            close(masterFD)
            throw .rawMode(path: slavePath, code)
        }
        close(slaveFD)
        let flags = fcntl(masterFD, F_GETFL)
        _ = fcntl(masterFD, F_SETFL, flags | O_NONBLOCK)
        return (masterFD, slavePath)
    }

    /// True while some process holds the slave open: the master reports no hangup.
    static func hasConsumer(master: Int32) -> Bool {
        var entry = pollfd(fd: master, events: 0, revents: 0)
        return poll(&entry, 1, 0) >= 0 && entry.revents & Int16(POLLHUP) == 0
    }

    /// Whether an errno says the system ran out of descriptors or pseudo-terminals.
    static func isExhaustion(_ code: Int32) -> Bool {
        code == EMFILE || code == ENFILE || code == ENOSPC
    }
}
