extension SerialPort {
    /// Sends a break condition (about 0.25–0.5 s of continuous zero bits).
    public func sendBreak() throws(SerialError) {
        if let code = SerialLineControl.sendBreak(fileDescriptor) {
            throw .ioFailure(path: path, operation: "tcsendbreak", errno: code.rawValue)
        }
    }
}
