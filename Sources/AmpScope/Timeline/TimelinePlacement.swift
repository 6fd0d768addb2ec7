/// When something happened on the boot's common axis, how that was known, and how sure it is.
public struct TimelinePlacement: Sendable, Hashable, Codable {
    /// ns since the boot's start; nil when only the order of lines is known.
    public var time: Int64?
    /// The true time lies within `time ± uncertainty` ns.
    public var uncertainty: Int64
    public var source: PlacementSource

    public init(time: Int64?, uncertainty: Int64, source: PlacementSource) {
        self.time = time
        self.uncertainty = uncertainty
        self.source = source
    }

    public static let orderOnly = TimelinePlacement(time: nil, uncertainty: 0, source: .order)
}

public enum PlacementSource: String, Sendable, Hashable, Codable {
    /// The host's receive time of the line (a capture, or a host-stamped log).
    case host
    /// The line's printk time mapped through the boot's kernel clock model.
    case kernelClock = "kernel-clock"
    /// Placed relative to an anchor on another console (no host times).
    case anchor
    /// Interpolated between placed neighbours on the same console.
    case interpolated
    /// No time at all: only its order within the console is known.
    case order
}

/// How a boot's consoles were put on one axis.
public struct ConsoleAlignment: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Hashable, Codable {
        /// Every console was stamped by one host clock (an ampscope session, or logs with dated stamps).
        case hostClock = "host-clock"
        /// No common clock: the consoles were aligned on anchor pairs (`bootaux` → M-core banner, ...).
        case anchors
        /// A single console, or no anchor pair matched: consoles are shown side by side, not aligned.
        case none
    }

    public var method: Method
    /// The anchor pairs used, e.g. "uboot.bootaux-start → mcore.freertos-bsp-banner".
    public var anchors: [String]
    /// Largest uncertainty (ns) of the alignment between consoles.
    public var uncertainty: Int64
    /// In words, for the report: what was aligned on what, and how sure it is.
    public var statement: String

    public init(method: Method, anchors: [String] = [], uncertainty: Int64 = 0, statement: String) {
        self.method = method
        self.anchors = anchors
        self.uncertainty = uncertainty
        self.statement = statement
    }
}

/// The application console's kernel clock (printk seconds since kernel start) mapped onto the
/// boot's axis: `axis = kernelTime × (1 + drift) + offset`, estimated from the lines printed
/// live (minimum delay), not the ones flushed late from the printk buffer.
public struct KernelClockModel: Sendable, Hashable, Codable {
    /// Axis time (ns since boot start) of kernel time 0.
    public var offset: Int64
    /// The estimate is within `errorBound` ns of the truth (for lines placed through it).
    public var errorBound: Int64
    /// Parts per million the kernel clock runs fast (+) or slow (−) against the host; nil when
    /// the capture was too short to tell.
    public var driftPPM: Double?
    /// Printk lines with host times that fed the estimate, and how many were judged late
    /// (flushed from the printk buffer, e.g. at console enable).
    public var samples: Int
    public var lateSamples: Int
    public var method: Method

    public enum Method: String, Sendable, Hashable, Codable {
        /// Minimum host-minus-kernel delay over live-printed lines.
        case minimumDelay = "minimum-delay"
        /// No host times: kernel time 0 placed at the `Starting kernel ...` line (after it, by an unknown
        /// decompression time that `errorBound` covers).
        case handoverAnchor = "handover-anchor"
        /// Kernel time used as the axis itself (no bootloader output, no host times).
        case kernelTimeAsAxis = "kernel-time-as-axis"
        /// The probe read /proc/uptime at a known host time: the kernel's lines came from its
        /// dmesg (the capture began after the boot), placed through that one reading.
        case uptimeAnchor = "uptime-anchor"
    }

    public init(offset: Int64, errorBound: Int64, driftPPM: Double?, samples: Int, lateSamples: Int, method: Method) {
        self.offset = offset
        self.errorBound = errorBound
        self.driftPPM = driftPPM
        self.samples = samples
        self.lateSamples = lateSamples
        self.method = method
    }
}
