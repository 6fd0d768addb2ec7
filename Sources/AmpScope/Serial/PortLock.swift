/// Exclusive access to an open port, with both mechanisms Linux offers, because each misses
/// something: flock(2) is only seen by programs that also flock (tio, pyserial with exclusive),
/// but it stops a second root process; TIOCEXCL makes every other open(2) fail with EBUSY, but
/// root (CAP_SYS_ADMIN) bypasses it. Two readers on one tty would silently split the bytes.
struct PortLock: Sendable {
    enum Failure: Error, Equatable {
        /// Another open file description holds the flock, or already set TIOCEXCL.
        case heldByAnother
        case system(operation: String, SystemCallFailure)
    }

    let descriptor: Int32
    /// False when the driver does not support TIOCEXCL; flock still protects the port.
    let exclusiveModeSet: Bool

    static func acquire(on descriptor: Int32) throws(Failure) -> PortLock {
        switch SerialLineControl.lockExclusively(descriptor) {
        case .locked: break
        case .heldByAnother: throw .heldByAnother
        case .failed(let code): throw .system(operation: "flock", SystemCallFailure(code: code.rawValue))
        }
        // The exclusive flag lives on the tty, not on our file: if it is already set, another
        // process has the port open with TIOCEXCL and only our root privilege let us in.
        if SerialLineControl.isExclusive(descriptor) == true { throw .heldByAnother }
        let set = SerialLineControl.setExclusive(descriptor, true)
        return PortLock(descriptor: descriptor, exclusiveModeSet: set)
    }

    /// Clears TIOCEXCL (it was clear when we took the port). The flock goes with close(2).
    func release() {
        if exclusiveModeSet {
            SerialLineControl.setExclusive(descriptor, false)
        }
    }

    var summary: String { exclusiveModeSet ? "locked (flock + TIOCEXCL)" : "locked (flock; TIOCEXCL not supported)" }
}
