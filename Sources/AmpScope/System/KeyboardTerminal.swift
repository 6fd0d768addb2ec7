#if canImport(Glibc)
import Glibc
#endif

/// The user's terminal on stdin, switched to character-at-a-time input for the capture and
/// put back exactly as it was afterwards. Output processing is left alone (OPOST stays on)
/// so the live view's newlines still return the carriage. ISIG stays on so Ctrl-C still
/// ends the capture, but the suspend and quit keys are freed for the board.
final class KeyboardTerminal {
    let descriptor: Int32 = STDIN_FILENO
    private var saved = termios()
    private var active = false

    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    func enable() {
        guard tcgetattr(descriptor, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ECHONL | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | IXOFF | ICRNL | INLCR | IGNCR | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
            cc[Int(VSUSP)] = 0
            cc[Int(VQUIT)] = 0
        }
        if tcsetattr(descriptor, TCSANOW, &raw) == 0 { active = true }
    }

    func restore() {
        guard active else { return }
        _ = tcsetattr(descriptor, TCSANOW, &saved)
        active = false
    }

    deinit { restore() }

    /// Reads what was typed; nil at end of input.
    func read() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = Glibc.read(descriptor, &buffer, buffer.count)
        if count > 0 { return Array(buffer[0..<count]) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return [] }
        return nil
    }
}
