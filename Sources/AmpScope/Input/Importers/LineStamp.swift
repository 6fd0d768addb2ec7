/// A timestamp read from the start of a log line.
struct LineStamp: Equatable {
    enum Value: Equatable {
        /// Nanoseconds since the Unix epoch (date and time read as UTC: the stamps carry no zone).
        case epoch(Int64)
        /// `ts`'s default `Nov 25 08:52:00`: no year.
        case dateless(month: Int64, day: Int64, nanosecondOfDay: Int64)
        /// A time of day without a date (tio 24hour, grabserial -T, ts %.T), or ts -s elapsed.
        case timeOfDay(Int64)
        /// Seconds counted from some start (grabserial -t, ts %.s/-m, the kernel), in ns.
        case seconds(Int64)
    }

    var value: Value
    /// Bytes of the line that are the prefix and are not part of the console text.
    var removed: Range<Int>
}

extension LogFormat {
    /// Reads this format's stamp at the start of `line`. `strict` (used by detection) rejects
    /// shapes another format also produces, so each sample line votes for one format.
    func stamp(in line: [UInt8], strict: Bool = false) -> LineStamp? {
        var scanner = StampScanner(line)
        switch self {
        case .plain, .merged: return nil
        case .tio: return Self.tioStamp(&scanner)
        case .ampscope: return Self.ampscopeStamp(&scanner) ?? Self.tioStamp(&scanner).flatMap { strict ? nil : $0 }
        case .grabserial: return Self.grabserialStamp(&scanner, strict: strict)
        case .ts: return Self.tsStamp(&scanner)
        case .dmesg:
            guard let seconds = Self.kernelStamp(&scanner) else { return nil }
            return LineStamp(value: .seconds(seconds), removed: 0..<0)
        case .journalctl: return Self.journalStamp(&scanner)
        case .dmesgWallClock: return Self.dmesgWallClockStamp(&scanner)
        case .dmesgRaw: return Self.rawKernelStamp(&scanner)
        case .syslog: return Self.syslogStamp(&scanner)
        }
    }

    /// `[2026-11-25 08:52:00.403] `, `[2026-11-25T08:52:00.403] `, `[08:52:00.403] `,
    /// `[1795596720.403] ` or epoch-usec `[1795596720.403158] `.
    private static func tioStamp(_ scanner: inout StampScanner) -> LineStamp? {
        guard scanner.skip(UInt8(ascii: "[")) else { return nil }
        let value: LineStamp.Value
        if let day = scanner.date() {
            guard scanner.skip(0x20) || scanner.skip(UInt8(ascii: "T")),
                  let time = scanner.timeOfDay(), let fraction = scanner.fraction(digits: 3, 3)
            else { return nil }
            value = .epoch(day * CivilDate.nanosecondsPerDay + time + fraction.nanoseconds)
        } else if let time = scanner.timeOfDay() {
            guard let fraction = scanner.fraction(digits: 3, 3) else { return nil }
            value = .timeOfDay(time + fraction.nanoseconds)
        // A host clock's epoch seconds have ten digits; fewer is the kernel's unpadded `[91017.448375]`.
        } else if let (whole, _) = scanner.number(digits: 10, 10), whole <= CivilDate.maximumSeconds, let fraction = scanner.fraction(digits: 3, 6),
                  fraction.digits == 3 || fraction.digits == 6 {
            value = .epoch(whole * 1_000_000_000 + fraction.nanoseconds)
        } else {
            return nil
        }
        guard scanner.skip(UInt8(ascii: "]")) else { return nil }
        scanner.skip(0x20)
        return LineStamp(value: value, removed: 0..<scanner.index)
    }

    /// `[%4.6f %2.6f] ` (-t), `[<-F format> %2.6f] ` (-T, default `%H:%M:%S.%f`), either without
    /// the delta (-n). Strict: a lone number is left to dmesg, a lone 3-digit time to tio.
    private static func grabserialStamp(_ scanner: inout StampScanner, strict: Bool) -> LineStamp? {
        guard scanner.skip(UInt8(ascii: "[")) else { return nil }
        scanner.skipSpaces()
        let value: LineStamp.Value
        var fractionDigits = 0
        var isNumber = false
        if let day = scanner.date() {
            // `-F '%Y-%m-%d %H:%M:%S.%f'` or ISO's `T`.
            guard scanner.skip(0x20) || scanner.skip(UInt8(ascii: "T")), let time = scanner.timeOfDay() else { return nil }
            let fraction = scanner.fraction(digits: 1, 9)
            fractionDigits = fraction?.digits ?? 0
            value = .epoch(day * CivilDate.nanosecondsPerDay + time + (fraction?.nanoseconds ?? 0))
        } else if let time = scanner.timeOfDay() {
            let fraction = scanner.fraction(digits: 1, 9)
            fractionDigits = fraction?.digits ?? 0
            value = .timeOfDay(time + (fraction?.nanoseconds ?? 0))
        } else if let (whole, _) = scanner.number(digits: 1, 10), whole <= CivilDate.maximumSeconds, let fraction = scanner.fraction(digits: 1, 9) {
            isNumber = true
            value = .seconds(whole * 1_000_000_000 + fraction.nanoseconds)
        } else {
            return nil
        }
        var hasDelta = false
        let beforeDelta = scanner.index
        if scanner.skipSpaces() > 0, scanner.number(digits: 1, 10) != nil, scanner.fraction(digits: 1, 9) != nil {
            hasDelta = true
        } else {
            scanner.index = beforeDelta
        }
        scanner.skipSpaces()
        guard scanner.skip(UInt8(ascii: "]")) else { return nil }
        if strict && !hasDelta && (isNumber || fractionDigits != 6) { return nil }
        scanner.skip(0x20)
        return LineStamp(value: value, removed: 0..<scanner.index)
    }

    /// `Nov 25 08:52:00 `, `Nov 25 08:52:00.664161 ` (%.S), `00:00:05 ` (-s, %.T),
    /// `1795596716.664161 ` (%.s; small values are -m monotonic or -s seconds).
    private static func tsStamp(_ scanner: inout StampScanner) -> LineStamp? {
        let value: LineStamp.Value
        if let month = scanner.monthName() {
            guard scanner.skip(0x20) else { return nil }
            scanner.skipSpaces()
            guard let (day, _) = scanner.number(digits: 1, 2), (1...31).contains(day), scanner.skip(0x20),
                  let time = scanner.timeOfDay()
            else { return nil }
            let fraction = scanner.fraction(digits: 1, 9)
            value = .dateless(month: month, day: day, nanosecondOfDay: time + (fraction?.nanoseconds ?? 0))
        } else if let time = scanner.timeOfDay() {
            let fraction = scanner.fraction(digits: 1, 9)
            value = .timeOfDay(time + (fraction?.nanoseconds ?? 0))
        } else if let (whole, digits) = scanner.number(digits: 1, 10), whole <= CivilDate.maximumSeconds, let fraction = scanner.fraction(digits: 1, 9) {
            let nanoseconds = whole * 1_000_000_000 + fraction.nanoseconds
            value = digits >= 9 ? .epoch(nanoseconds) : .seconds(nanoseconds)
        } else {
            return nil
        }
        guard scanner.skip(0x20) else { return nil }
        return LineStamp(value: value, removed: 0..<scanner.index)
    }

    /// `[    1.234567]`, also with the padding collapsed (`[ 36.046358]`) as forums print it.
    static func kernelStamp(_ scanner: inout StampScanner) -> Int64? {
        let start = scanner.index
        guard let stamp = scanner.bytes.withUnsafeBytes({ PrintkTime.logStamp(UnsafeRawBufferPointer(rebasing: $0[start...])) }) else { return nil }
        scanner.index = start + stamp.end
        return stamp.nanoseconds
    }

    /// `[    1.234567] host kernel: text`: the host name and `kernel:` go, so the text reads as
    /// the console printed it (`[    1.234567] text`).
    private static func journalStamp(_ scanner: inout StampScanner) -> LineStamp? {
        guard let seconds = kernelStamp(&scanner) else { return nil }
        let stampEnd = scanner.index
        guard scanner.skip(0x20) else { return nil }
        var hostLength = 0
        while let byte = scanner.current, byte > 0x20, byte < 0x7F, hostLength < 255 {
            scanner.index += 1
            hostLength += 1
        }
        let kernel = Array("kernel:".utf8)
        guard hostLength > 0, scanner.skip(0x20),
              scanner.index + kernel.count <= scanner.bytes.count,
              Array(scanner.bytes[scanner.index..<scanner.index + kernel.count]) == kernel
        else { return nil }
        return LineStamp(value: .seconds(seconds), removed: stampEnd..<scanner.index + kernel.count)
    }

    /// `[Wed Nov 25 08:52:00 2026] ` (ctime layout, day space-padded).
    private static func dmesgWallClockStamp(_ scanner: inout StampScanner) -> LineStamp? {
        guard scanner.skip(UInt8(ascii: "[")), scanner.weekdayName(), scanner.skip(0x20),
              let month = scanner.monthName(), scanner.skip(0x20)
        else { return nil }
        scanner.skipSpaces()
        guard let (day, _) = scanner.number(digits: 1, 2), (1...31).contains(day), scanner.skip(0x20),
              let time = scanner.timeOfDay(), scanner.skip(0x20),
              let year = scanner.number(digits: 4), CivilDate.years.contains(year), scanner.skip(UInt8(ascii: "]"))
        else { return nil }
        scanner.skip(0x20)
        let days = CivilDate.days(year: year, month: month, day: day)
        return LineStamp(value: .epoch(days * CivilDate.nanosecondsPerDay + time), removed: 0..<scanner.index)
    }
}
