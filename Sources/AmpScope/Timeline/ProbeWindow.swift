/// The stretch of the application console where the probe talked to the shell (from its
/// "running the read-only commands" note to its "done" note; likewise U-Boot's printenv). Lines there are the probe's
/// commands and their answers, not the boot: they are kept as lines but not classified, so a
/// dmesg listing does not look like a second boot. Its printk lines that the live console never
/// showed (printed before the console was enabled, or below its loglevel) are classified and
/// added to the kernel lane at their printk time, with the field `from: dmesg`.
struct ProbeWindow {
    /// The facts the session's probe stored (facts.json); nil when there are none.
    private(set) var facts: BoardFacts?
    private(set) var isOpen = false
    /// printk times (µs) the live console showed in this boot, so dmesg adds only what it missed:
    /// appended per live kernel line (a plain log, where no probe window ever looks, should not
    /// pay for hashing every line into a set), and turned into `seenKernelTimes` the first time a
    /// window line asks.
    private var liveKernelTimes: [Int64] = []
    private var seenKernelTimes: Set<Int64>?
    private(set) var missedLines = 0
    private(set) var recoveredEvents = 0

    static let fromField = "from"
    static let fromDmesg = "dmesg"

    /// Whether live printk times are worth remembering: only a session with a probe's facts (or
    /// one followed live, whose probe may still store them) has a dmesg to merge. Everything else
    /// (every imported log, most sessions) keeps no per-line state at all.
    private let tracksLiveLines: Bool

    init(facts: BoardFacts?, tracksLiveLines: Bool? = nil) {
        self.facts = facts
        self.tracksLiveLines = tracksLiveLines ?? (facts != nil)
    }

    /// Facts that appeared after reading began (a live capture's probe writes them as it ends).
    mutating func adopt(_ late: BoardFacts?) {
        if facts == nil { facts = late }
    }

    /// The capture saw none of this boot's kernel live, and the probe read /proc/uptime: every
    /// printk line of its dmesg is placed through that reading (kernel µs, host ns).
    private(set) var uptimeAnchor: (kernel: Int64, host: UInt64)?

    /// Opens or closes the window on the probe's notes; true when the record was one of them.
    mutating func observe(_ record: ControlRecord) -> Bool {
        guard let step = record.probeStep else { return false }
        if step.opensConversation {
            isOpen = true
            if !sawLiveKernel, uptimeAnchor == nil, let uptime = facts?.uptime, let readAt = facts?.uptimeReadAt {
                uptimeAnchor = (Int64((uptime * 1e6).rounded()), readAt)
            }
        } else if step.closesConversation {
            isOpen = false
        }
        return true
    }

    private var sawLiveKernel = false

    /// A live kernel line outside the window.
    mutating func sawLive(kernelTime: Int64?) {
        guard let kernelTime else { return }
        sawLiveKernel = true
        guard tracksLiveLines else { return }
        if seenKernelTimes != nil { seenKernelTimes!.insert(kernelTime) } else { liveKernelTimes.append(kernelTime) }
    }

    /// Whether a printk line inside the window is one the console had not shown live. Only when
    /// the console showed this boot's kernel live: then its lines give the clock model that puts
    /// a dmesg line at its printk time; a probe of a board that was already up has no such model,
    /// and its whole dmesg would be "missed".
    mutating func isMissed(kernelTime: Int64?, text: @autoclosure () -> String) -> Bool {
        guard let kernelTime else { return false }
        if seenKernelTimes == nil {
            seenKernelTimes = Set(liveKernelTimes)
            liveKernelTimes = []
        }
        guard !seenKernelTimes!.isEmpty || uptimeAnchor != nil, !seenKernelTimes!.contains(kernelTime) else { return false }
        // A second dmesg (or the same line twice) adds nothing more.
        seenKernelTimes!.insert(kernelTime)
        missedLines += 1
        // Placed through uptime, the whole dmesg is "missed": no sample of it means anything.
        if uptimeAnchor == nil, missedSamples.count < Self.sampleLimit { missedSamples.append(text()) }
        return true
    }

    /// The first missed lines, for the report (all of them are in facts.json's dmesg).
    private(set) var missedSamples: [String] = []
    static let sampleLimit = 20

    mutating func recovered() { recoveredEvents += 1 }

    /// A new boot: its kernel times start over.
    mutating func beginBoot() {
        liveKernelTimes.removeAll(keepingCapacity: true)
        seenKernelTimes = nil
        sawLiveKernel = false
        missedLines = 0
        recoveredEvents = 0
        missedSamples = []
        uptimeAnchor = nil
    }

    /// The facts for the boot the probe finished in, with the dmesg merge counted (the dmesg
    /// text itself stays in the console log and facts.json, not in every timeline and report).
    func factsForBoot() -> BoardFacts? {
        guard var facts else { return nil }
        facts.dmesgMerge = facts.dmesg.map { DmesgMerge(
            lines: $0.count, missedByConsole: missedLines, recoveredEvents: recoveredEvents, merged: sawLiveKernel || uptimeAnchor != nil,
            missedSamples: missedSamples) }
        if uptimeAnchor != nil { facts.dmesgMerge?.placedByUptime = true }
        facts.dmesg = nil
        return facts
    }
}
