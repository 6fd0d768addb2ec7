/// Decides where one boot ends and the next begins, line by line, on every console at once:
/// at an A7 bootloader banner (an SPL banner, or a U-Boot banner that does not directly follow
/// the SPL banner of the same boot), at kernel time going back without a banner (or at the
/// bootloader's hand-over to the kernel that comes before it), and at a second
/// M-core banner that nothing on the A7 explains (remoteproc or bootaux restarting the M-core
/// does explain it; then it only counts in the boot's facts).
struct BootSegmenter: Sendable {
    /// Event names the definitions give these lines (parsers/*.yaml).
    static let bootloaderStart = "bootloader-start"
    static let firmwareStart = "firmware-start"
    static let kernelHandover = "kernel-handover"
    static let microcontrollerStartNames: Set<String> = ["mcore-starting", "mcore-started"]

    /// `microcontrollerStartNames.contains(name)` by two comparisons: asked for every event, and
    /// hashing the name cost more than comparing it (a length check first, for most names).
    static func isMicrocontrollerStart(_ name: String) -> Bool {
        name.equalsLengthFirst("mcore-starting") || name.equalsLengthFirst("mcore-started")
    }

    /// Consoles interleave in one ordered stream (a session, a merged file, logs on one host
    /// clock); otherwise each console is split on its own and boots are paired by order.
    let sharedOrder: Bool

    private var isFirstBoot = true
    private var applicationEventSeen = false
    private var openedBySPL = false
    private var kernelSeen = false
    private var lastKernelTime: Int64?
    private var startsSinceBanner = 0
    private var startEvents = 0
    private(set) var microcontrollerBanners = 0

    init(sharedOrder: Bool) {
        self.sharedOrder = sharedOrder
    }

    /// Whether this application-console line starts a new boot, and why.
    func applicationBoundary(event: Event?, kernelTime: Int64?) -> BootBoundary? {
        if let event, event.name.equalsLengthFirst(Self.bootloaderStart) {
            if isFirstBoot && !applicationEventSeen && !kernelSeen { return nil }
            if event.phase == .bootloader && openedBySPL && !kernelSeen { return nil }
            return .bootloaderBanner
        }
        // A bootloader we have no banner for (depthcharge, coreboot) hands over again after a
        // kernel ran: the new boot starts at the hand-over, not at the kernel's first line.
        if let event, lastKernelTime != nil, event.name.equalsLengthFirst(Self.kernelHandover) {
            return .kernelRestart
        }
        if let kernelTime, let last = lastKernelTime,
           kernelTime < last - 1_000_000 || (kernelTime == 0 && last > 0) {
            return .kernelRestart
        }
        return nil
    }

    /// Whether this microcontroller-console line starts a new boot.
    func microcontrollerBoundary(event: Event?) -> BootBoundary? {
        guard let event, event.name.equalsLengthFirst(Self.firmwareStart), microcontrollerBanners > 0 else { return nil }
        let explained = sharedOrder ? startsSinceBanner > 0 : startEvents > microcontrollerBanners
        return explained ? nil : .microcontrollerBanner
    }

    mutating func recordApplication(event: Event?, kernelTime: Int64?) {
        if let kernelTime {
            lastKernelTime = kernelTime
            kernelSeen = true
        }
        guard let event else { return }
        applicationEventSeen = true
        if event.name.equalsLengthFirst(Self.bootloaderStart), event.phase == .spl { openedBySPL = true }
        if let phase = event.phase, phase == .kernel || phase == .userspace || phase == .login { kernelSeen = true }
        if Self.isMicrocontrollerStart(event.name) {
            startsSinceBanner += 1
            startEvents += 1
        }
    }

    mutating func recordMicrocontroller(event: Event?) {
        guard let event, event.name.equalsLengthFirst(Self.firmwareStart) else { return }
        microcontrollerBanners += 1
        startsSinceBanner = 0
    }

    /// A new boot begins (its first line is recorded next).
    mutating func beginBoot() {
        self = BootSegmenter(sharedOrder: sharedOrder)
        isFirstBoot = false
    }
}
