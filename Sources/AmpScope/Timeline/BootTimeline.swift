/// One boot: the same stretch of every console, split at a bootloader banner, at kernel time
/// going back to 0, or at a second M-core banner. Times are ns since the boot's start on the
/// common axis (see `TimelinePlacement`).
public struct BootTimeline: Sendable, Hashable, Codable {
    /// 1-based, in input order.
    public var index: Int
    public var boundary: BootBoundary
    /// Host time of the boot's first line on the input's own axis (session: CLOCK_MONOTONIC ns;
    /// import: ns since the file's first stamp); nil without host times.
    public var hostStart: UInt64?
    /// Unix epoch ns of the boot's start, when the input can be placed in wall-clock time.
    public var wallClockStart: Int64?
    /// From the boot's start to its last line on any console; nil when only order is known.
    public var duration: Int64?
    public var lanes: [ConsoleLane]
    /// How the consoles were put on one axis, and how sure that is.
    public var alignment: ConsoleAlignment
    /// printk time → common axis, for the application console; nil without printk times.
    public var kernelClock: KernelClockModel?
    public var facts: BootFacts
    /// What the probe read from the board during this boot (`capture --probe`, `ampscope probe`);
    /// nil when nothing asked it. Its dmesg lines stay in the console's log (see `dmesg`).
    public var boardFacts: BoardFacts?
    /// The boot's start in capture time (ns since the capture started, or since a host-stamped
    /// log's first stamp): what the live view showed beside its first line; nil without host times.
    public var captureStart: Int64?

    public init(
        index: Int, boundary: BootBoundary, hostStart: UInt64?, wallClockStart: Int64?, duration: Int64?,
        lanes: [ConsoleLane], alignment: ConsoleAlignment, kernelClock: KernelClockModel?, facts: BootFacts,
        boardFacts: BoardFacts? = nil, captureStart: Int64? = nil
    ) {
        self.captureStart = captureStart
        self.boardFacts = boardFacts
        self.index = index
        self.boundary = boundary
        self.hostStart = hostStart
        self.wallClockStart = wallClockStart
        self.duration = duration
        self.lanes = lanes
        self.alignment = alignment
        self.kernelClock = kernelClock
        self.facts = facts
    }

    /// Key events of every console, in time (or, without times, line) order.
    public var keyEvents: [TimelineEvent] {
        lanes.flatMap { $0.events.filter(\.event.isKey) }.sorted(by: TimelineEvent.chronological)
    }
}

/// What started a boot.
public enum BootBoundary: String, Sendable, Hashable, Codable {
    /// The input's first boot (whatever its first line is).
    case inputStart = "input-start"
    /// An SPL or U-Boot banner on the application console.
    case bootloaderBanner = "bootloader-banner"
    /// Kernel time went back to 0, or a bootloader handed over to the kernel again, without a
    /// bootloader banner (U-Boot output missed or silent, or a bootloader with no known banner).
    case kernelRestart = "kernel-restart"
    /// A second M-core banner that nothing on the application console explains (M-core reset).
    case microcontrollerBanner = "microcontroller-banner"
}

/// Facts of the boot that the diagnosis uses.
public struct BootFacts: Sendable, Hashable, Codable {
    /// M-core banners in this boot; more than one means the M-core restarted within the boot.
    public var microcontrollerBanners: Int
    /// The input ended during this boot: later phases may simply not have been captured.
    public var endsWithInput: Bool
    /// Lines in this boot on any console, and how many were likely wrong-baud garbage.
    public var lineCount: Int
    public var garbageLineCount: Int
    /// How long the consoles were listened to in this boot (ns since its start): a session
    /// records until its ports close, which may be long after the last line. A console's silence
    /// is measured up to here. Nil without host times (and in timelines written before it).
    public var observedUntil: Int64?
    /// True for a live capture's boot still in progress (looked at before its end); nil for a
    /// finished boot. Absences "by the end of the boot" cannot be known for it yet.
    public var inProgress: Bool?

    public init(
        microcontrollerBanners: Int = 0, endsWithInput: Bool = false, lineCount: Int = 0, garbageLineCount: Int = 0,
        observedUntil: Int64? = nil, inProgress: Bool? = nil
    ) {
        self.microcontrollerBanners = microcontrollerBanners
        self.endsWithInput = endsWithInput
        self.lineCount = lineCount
        self.garbageLineCount = garbageLineCount
        self.observedUntil = observedUntil
        self.inProgress = inProgress
    }
}
