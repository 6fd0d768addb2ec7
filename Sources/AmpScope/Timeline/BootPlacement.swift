/// Turns a boot's line points into placements on its axis once the boot is complete.
///
/// With host times the axis is host time since the boot's first line. Without them it is the
/// A7's: the `Starting kernel ...` line at 0 when the boot has one (kernel time 0 follows it,
/// see `handoverDelay`), else kernel time itself; the M-core is placed through anchors.
struct BootPlacement: Sendable {
    /// Kernel time 0 comes after `Starting kernel ...` by the kernel's decompression and early
    /// setup, not printed anywhere. On an i.MX7 at 792 MHz a ~7 MB zImage decompresses in well
    /// under a second; 4 s also covers slow storage, a large initramfs being moved and
    /// earlycon-less setup. So kernel 0 is placed 2 s after the handover, ± 2 s: the whole
    /// 0–4 s window.
    static let handoverDelay: Int64 = 2_000_000_000
    /// `bootaux` runs from the boot script before the kernel is loaded; loading kernel and device
    /// tree from flash (the demo board: 1.4 s) up to `Starting kernel ...` takes 0–4 s, so the
    /// bootaux line (untimed, like all U-Boot lines here) is placed 2 s before the handover ± 2 s.
    static let bootauxLead: Int64 = 2_000_000_000

    let hostTimes: Bool
    let hostStart: UInt64
    let granularity: Int64
    /// Consoles whose reads are coarser (an adapter's latency timer); the rest use `granularity`.
    let granularityByConsole: [UInt16: Int64]
    let applicationConsole: UInt16?
    let kernelClock: KernelClockModel?
    let handover: LinePoint?
    let bootaux: LinePoint?
    var anchorMaps: [UInt16: AnchorAlignment] = [:]

    func kernelAxisTime(_ microseconds: Int64, model: KernelClockModel) -> Int64 {
        let nanoseconds = microseconds &* 1000
        let drift = model.driftPPM.map { Double(nanoseconds) * $0 / 1_000_000 } ?? 0
        return nanoseconds + Int64(drift.rounded()) + model.offset
    }

    func place(_ point: LinePoint) -> TimelinePlacement {
        hostTimes ? placeWithHostTime(point) : placeWithoutHostTime(point)
    }

    private func placeWithHostTime(_ point: LinePoint) -> TimelinePlacement {
        let first = Int64(bitPattern: point.firstByteTime &- hostStart)
        let spread = Int64(bitPattern: point.endTime &- point.firstByteTime) / 2
        let host = TimelinePlacement(time: first, uncertainty: spread + (granularityByConsole[point.console] ?? granularity), source: .host)
        guard point.console == applicationConsole, let kernelTime = point.kernelTime, let model = kernelClock else { return host }
        let kernel = kernelAxisTime(kernelTime, model: model)
        // A late-flushed line arrived long after it was printed: its printk time is the truth.
        // Time 0 is stamped before printk's clock runs, so only a late one is placed by it.
        if (model.errorBound < host.uncertainty && kernelTime > 0) || first - kernel > KernelClockEstimator.lateThreshold {
            return TimelinePlacement(time: kernel, uncertainty: model.errorBound, source: .kernelClock)
        }
        return host
    }

    private func placeWithoutHostTime(_ point: LinePoint) -> TimelinePlacement {
        guard point.console == applicationConsole else {
            return anchorMaps[point.console]?.place(lineNumber: point.lineNumber) ?? .orderOnly
        }
        if let kernelTime = point.kernelTime, let model = kernelClock {
            return TimelinePlacement(time: kernelAxisTime(kernelTime, model: model), uncertainty: model.errorBound, source: .kernelClock)
        }
        guard let handover else { return .orderOnly }
        if point.lineNumber == handover.lineNumber {
            return TimelinePlacement(time: 0, uncertainty: 0, source: .anchor)
        }
        if let bootaux, point.lineNumber == bootaux.lineNumber, bootaux.lineNumber < handover.lineNumber {
            return TimelinePlacement(time: -Self.bootauxLead, uncertainty: Self.bootauxLead, source: .anchor)
        }
        return .orderOnly
    }
}
