import SystemPackage

/// How long a USB-serial adapter holds received bytes before sending a short USB packet. FTDI
/// chips default to 16 ms, which smears every read's timestamp by up to that much; 1 ms makes
/// the host clock as exact as the adapter allows.
public enum LatencyTimer {
    /// The udev rule that lets ampscope (or anyone) get 1 ms on every FTDI adapter at plug-in.
    public static let udevRule = """
        ACTION=="add", SUBSYSTEM=="usb-serial", DRIVER=="ftdi_sio", ATTR{latency_timer}="1"
        """
    public static let udevRuleAdvice = "To get 1 ms without root, put this line in /etc/udev/rules.d/99-ftdi-latency.rules:\n  "
        + udevRule + "\nthen run `sudo udevadm control --reload && sudo udevadm trigger`, or unplug and replug the adapter."

    /// The timer in ms from the sysfs file (FTDI's latency_timer).
    public static func read(path: String) throws(DeviceError) -> Int {
        let raw: [UInt8]
        switch FileSystemProbe.read(path, limit: 32) {
        case .success(let bytes): raw = bytes
        case .failure(let code):
            throw .latencyTimer(path: path, operation: "reading", errno: code.rawValue, advice: "Check that the adapter is still plugged in.")
        }
        let digits = String(decoding: raw.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }, as: UTF8.self)
        guard let value = Int(digits) else {
            throw .latencyTimer(path: path, operation: "parsing", errno: Errno.invalidArgument.rawValue,
                                advice: "The file holds \"\(String(decoding: raw, as: UTF8.self))\", not a number of ms.")
        }
        return value
    }

    /// Writes the timer (1…255 ms). Writing sysfs needs root unless a udev rule did it already.
    public static func write(_ milliseconds: Int, path: String) throws(DeviceError) {
        if let code = FileSystemProbe.write(Array("\(milliseconds)\n".utf8), to: path) { throw failure(path: path, errno: code.rawValue) }
    }

    private static func failure(path: String, errno code: Int32) -> DeviceError {
        let advice = Errno(rawValue: code) == .permissionDenied || Errno(rawValue: code) == .notPermitted
            ? "Only root may change it. " + udevRuleAdvice
            : "Check that the adapter is still plugged in (`dmesg | tail`)."
        return .latencyTimer(path: path, operation: "writing", errno: code, advice: advice)
    }
}

/// `--low-latency` on one port: FTDI's sysfs timer to 1 ms, else the driver's ASYNC_LOW_LATENCY
/// flag (TIOCSSERIAL); `restore()` puts back what was there before.
public struct LowLatency: Sendable, Equatable {
    public enum Method: Sendable, Equatable {
        /// FTDI latency_timer file and the value it had.
        case latencyTimer(path: String, previous: Int)
        /// ASYNC_LOW_LATENCY on the open port; whether it was already on.
        case serialFlag(previouslyOn: Bool)
    }

    public var method: Method
    /// What the capture records and shows: "latency timer 16 → 1 ms" or "ASYNC_LOW_LATENCY on".
    public var summary: String

    /// Applies low latency to the port open on `descriptor`, the adapter's timer first.
    public static func apply(adapter: SerialAdapter?, descriptor: Int32) throws(DeviceError) -> LowLatency {
        if let path = adapter?.latencyTimerPath {
            let previous = try LatencyTimer.read(path: path)
            if previous != 1 { try LatencyTimer.write(1, path: path) }
            let now = try LatencyTimer.read(path: path)
            return LowLatency(method: .latencyTimer(path: path, previous: previous), summary: "latency timer \(previous) → \(now) ms")
        }
        let enabled: Bool
        do throws(SystemCallFailure) {
            enabled = try SerialDriverFlags.lowLatency(descriptor)
            try SerialDriverFlags.setLowLatency(descriptor, true)
        } catch {
            let advice = Errno(rawValue: error.code) == .notPermitted || Errno(rawValue: error.code) == .permissionDenied
                ? "The driver wants root for TIOCSSERIAL; run ampscope with sudo, or leave --low-latency off."
                : "This driver has no low-latency switch (only FTDI's latency timer and serial-core drivers have one); "
                    + "capture without --low-latency."
            throw .latencyTimer(path: "the port", operation: "setting ASYNC_LOW_LATENCY (TIOCSSERIAL) on", errno: error.code, advice: advice)
        }
        return LowLatency(method: .serialFlag(previouslyOn: enabled), summary: "ASYNC_LOW_LATENCY on")
    }

    /// Puts the previous setting back; failures are ignored (the adapter may be gone).
    public func restore(descriptor: Int32?) {
        switch method {
        case .latencyTimer(let path, let previous):
            if previous != 1 { try? LatencyTimer.write(previous, path: path) }
        case .serialFlag(let previouslyOn):
            if !previouslyOn, let descriptor {
                try? SerialDriverFlags.setLowLatency(descriptor, false)
            }
        }
    }
}
