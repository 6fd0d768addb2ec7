import SystemPackage

/// Why a serial port could not be opened, configured or used. Every description says what
/// happened and what the user can do about it.
public enum SerialError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path does not exist; `existing` lists the serial ports that do.
    case noSuchPort(path: String, existing: [String])
    /// open(2) gave EACCES/EPERM; `advice` explains the node's owner, group and mode.
    case permissionDenied(path: String, advice: String)
    /// Another open file holds the port (flock, TIOCEXCL or the driver's own EBUSY).
    case inUse(path: String, holders: [PortHolder])
    /// The path exists but is not a terminal device (a regular file, a directory, /dev/null…).
    case notATerminal(path: String)
    /// The driver refused or silently changed the line settings.
    case unsupportedSettings(path: String, detail: String)
    /// Any other failing system call.
    case ioFailure(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .noSuchPort(let path, let existing):
            if existing.isEmpty {
                return "No serial port at \(path), and no serial ports were found at all. "
                    + "Plug in the USB-serial adapter and check `dmesg | tail` for the name it got "
                    + "(usually /dev/ttyUSB0 or /dev/ttyACM0)."
            }
            return "No serial port at \(path). Ports present: \(existing.joined(separator: ", ")). "
                + "Pass one of those, or check that the adapter is plugged in (`dmesg | tail` shows the name it got)."
        case .permissionDenied(let path, let advice):
            return "Permission denied opening \(path). \(advice)"
        case .inUse(let path, let holders):
            if holders.isEmpty {
                return "\(path) is in use by another program, which could not be identified "
                    + "(other users' processes are only visible to root). "
                    + "Find it with `sudo fuser -v \(path)`, close it, and try again."
            }
            let list = holders.map(\.description).joined(separator: "; ")
            let pids = holders.map { String($0.pid) }.joined(separator: " ")
            return "\(path) is in use by \(list). Close that program (or `kill \(pids)`) and try again; "
                + "two readers on one port would each get only part of the bytes."
        case .notATerminal(let path):
            return "\(path) is not a serial port (not a terminal device). "
                + "Pass a tty such as /dev/ttyUSB0, /dev/ttyACM0 or /dev/serial/by-id/…; "
                + "a saved log file is not a port: capture from the tty the board is connected to."
        case .unsupportedSettings(let path, let detail):
            return "The driver of \(path) did not accept the line settings: \(detail). "
                + "Choose settings the adapter supports (check its datasheet for baud rates and frame formats)."
        case .ioFailure(let path, let operation, let code):
            return "\(operation) on \(path) failed: \(errnoText(code)). \(Self.hint(forErrno: code))"
        }
    }

    private static func hint(forErrno code: Int32) -> String {
        switch Errno(rawValue: code) {
        case .ioError, .noSuchAddressOrDevice, .operationNotSupportedByDevice:
            return "The device is gone or has no hardware behind it: check the cable and that the adapter "
                + "is still plugged in (`dmesg | tail`)."
        case .interrupted, .resourceTemporarilyUnavailable:
            return "This is transient; try again."
        case .tooManySymbolicLinkLevels, .fileNameTooLong, .notDirectory:
            return "Check the path for typos and broken symlinks."
        default:
            return "Check `dmesg | tail` for driver messages about this port."
        }
    }
}
