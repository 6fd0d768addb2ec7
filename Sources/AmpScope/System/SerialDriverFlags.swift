import CAmpScopeShims

/// The serial driver's ASYNC_LOW_LATENCY flag (TIOCGSERIAL / TIOCSSERIAL) on an open port.
enum SerialDriverFlags {
    /// Whether the flag is on.
    static func lowLatency(_ descriptor: Int32) throws(SystemCallFailure) -> Bool {
        var enabled: Int32 = 0
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_get_low_latency($0, &enabled) }
        return enabled != 0
    }

    static func setLowLatency(_ descriptor: Int32, _ on: Bool) throws(SystemCallFailure) {
        try DuplicateDescriptorRetry.run(on: descriptor) { ampscope_set_low_latency($0, on ? 1 : 0) }
    }
}
