/// The target's own logs as its logging daemons write them: `journalctl -o short|short-precise|
/// short-iso|short-iso-precise` and rsyslog/busybox syslogd files. A line is a stamp, the host,
/// optionally busybox's `facility.level`, then a tag (`kernel:`, `systemd[1]:`) and the message.
/// The stamp, host and a `kernel:` tag go, so a kernel line reads as the console printed it.
extension LogFormat {
    static func syslogStamp(_ scanner: inout StampScanner) -> LineStamp? {
        let value: LineStamp.Value
        if let month = scanner.monthName() {
            // `Dec 07 01:44:11.754761` (journalctl) or `Dec  7 01:44:11` (syslog, day space-padded).
            guard scanner.skip(0x20) else { return nil }
            scanner.skipSpaces()
            guard let (day, _) = scanner.number(digits: 1, 2), (1...31).contains(day), scanner.skip(0x20),
                  let time = scanner.timeOfDay()
            else { return nil }
            let fraction = scanner.fraction(digits: 1, 9)
            value = .dateless(month: month, day: day, nanosecondOfDay: time + (fraction?.nanoseconds ?? 0))
        } else if let day = scanner.date() {
            // `2026-12-07T01:44:11.754761+0000` (journalctl short-iso[-precise]) or `+00:00` (rsyslog).
            guard scanner.skip(UInt8(ascii: "T")), let time = scanner.timeOfDay() else { return nil }
            let fraction = scanner.fraction(digits: 1, 9)
            guard let zone = zoneOffset(&scanner) else { return nil }
            value = .epoch(day * CivilDate.nanosecondsPerDay + time + (fraction?.nanoseconds ?? 0) - zone)
        } else {
            return nil
        }
        guard scanner.skip(0x20) else { return nil }
        guard skipWord(&scanner), scanner.skip(0x20) else { return nil }
        let afterHost = scanner.index
        // busybox syslogd: `kern.info ` before the tag.
        if skipWord(&scanner), scanner.bytes[scanner.index - 1] != UInt8(ascii: ":"), scanner.skip(0x20) {} else { scanner.index = afterHost }
        let tagStart = scanner.index
        guard skipWord(&scanner), scanner.bytes[scanner.index - 1] == UInt8(ascii: ":") else { return nil }
        let tag = scanner.bytes[tagStart..<scanner.index]
        if tag.elementsEqual("kernel:".utf8) {
            scanner.skip(0x20)
            return LineStamp(value: value, removed: 0..<scanner.index)
        }
        return LineStamp(value: value, removed: 0..<afterHost)
    }

    /// A word of printable bytes (a host, a tag); false when there is none.
    private static func skipWord(_ scanner: inout StampScanner) -> Bool {
        let start = scanner.index
        while let byte = scanner.current, byte > 0x20, byte < 0x7F, scanner.index - start < 255 { scanner.index += 1 }
        return scanner.index > start
    }

    /// `Z`, `+0000`, `+00:00` as nanoseconds east of UTC.
    private static func zoneOffset(_ scanner: inout StampScanner) -> Int64? {
        if scanner.skip(UInt8(ascii: "Z")) { return 0 }
        let sign: Int64
        if scanner.skip(UInt8(ascii: "+")) { sign = 1 } else if scanner.skip(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = scanner.number(digits: 2) else { return nil }
        scanner.skip(UInt8(ascii: ":"))
        guard let minutes = scanner.number(digits: 2) else { return nil }
        return sign * (hours * 60 + minutes) * 60 * 1_000_000_000
    }

    /// dmesg -r: `<6>[    1.234567] text`; the level goes, the kernel stamp stays in the text.
    static func rawKernelStamp(_ scanner: inout StampScanner) -> LineStamp? {
        guard scanner.skip(UInt8(ascii: "<")), scanner.number(digits: 1, 3) != nil, scanner.skip(UInt8(ascii: ">")) else { return nil }
        let levelEnd = scanner.index
        guard let seconds = kernelStamp(&scanner) else { return nil }
        return LineStamp(value: .seconds(seconds), removed: 0..<levelEnd)
    }
}
