/// A cursor over the start of one log line, for reading timestamp prefixes without regexes
/// (a regex per line would dominate the cost of importing a large log).
struct StampScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8], at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    @discardableResult
    mutating func skip(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Skips spaces; returns how many.
    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while current == 0x20 { index += 1 }
        return index - start
    }

    /// Reads `minimum...maximum` decimal digits; nil (and nothing consumed) if fewer.
    mutating func number(digits minimum: Int, _ maximum: Int) -> (value: Int64, digits: Int)? {
        var value: Int64 = 0
        var count = 0
        while count < maximum, let byte = current, byte >= 0x30, byte <= 0x39 {
            value = value * 10 + Int64(byte - 0x30)
            index += 1
            count += 1
        }
        guard count >= minimum else {
            index -= count
            return nil
        }
        return (value, count)
    }

    mutating func number(digits count: Int) -> Int64? { number(digits: count, count)?.value }

    /// `.` and `minimum...maximum` digits as nanoseconds, and how many digits there were.
    mutating func fraction(digits minimum: Int, _ maximum: Int) -> (nanoseconds: Int64, digits: Int)? {
        let start = index
        guard skip(UInt8(ascii: ".")), let (value, count) = number(digits: minimum, maximum) else {
            index = start
            return nil
        }
        var nanoseconds = value
        for _ in count..<9 { nanoseconds *= 10 }
        return (nanoseconds, count)
    }

    /// `HH:MM:SS` as nanoseconds of the day.
    mutating func timeOfDay() -> Int64? {
        let start = index
        guard let hours = number(digits: 2), hours < 24, skip(UInt8(ascii: ":")),
              let minutes = number(digits: 2), minutes < 60, skip(UInt8(ascii: ":")),
              let seconds = number(digits: 2), seconds < 61
        else {
            index = start
            return nil
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000
    }

    /// `YYYY-MM-DD` as days since 1970-01-01.
    mutating func date() -> Int64? {
        let start = index
        guard let year = number(digits: 4), CivilDate.years.contains(year), skip(UInt8(ascii: "-")),
              let month = number(digits: 2), (1...12).contains(month), skip(UInt8(ascii: "-")),
              let day = number(digits: 2), (1...31).contains(day)
        else {
            index = start
            return nil
        }
        return CivilDate.days(year: year, month: month, day: day)
    }

    /// An English three-letter month name (`Nov`), as 1...12.
    mutating func monthName() -> Int64? {
        guard index + 3 <= bytes.count else { return nil }
        let name = (UInt32(bytes[index]) << 16) | (UInt32(bytes[index + 1]) << 8) | UInt32(bytes[index + 2])
        guard let month = CivilDate.monthNames.firstIndex(of: name) else { return nil }
        index += 3
        return Int64(month + 1)
    }

    /// An English three-letter weekday name (`Wed`).
    mutating func weekdayName() -> Bool {
        guard index + 3 <= bytes.count else { return false }
        let name = (UInt32(bytes[index]) << 16) | (UInt32(bytes[index + 1]) << 8) | UInt32(bytes[index + 2])
        guard CivilDate.weekdayNames.contains(name) else { return false }
        index += 3
        return true
    }
}

/// Proleptic Gregorian calendar arithmetic, so stamps convert without Foundation or a time zone.
enum CivilDate {
    static let monthNames: [UInt32] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map(packed)
    static let weekdayNames: [UInt32] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(packed)

    private static func packed(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { ($0 << 8) | UInt32($1) }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000
    /// Years whose nanoseconds since 1970 fit in an Int64 with room for arithmetic.
    static let years: ClosedRange<Int64> = 1970...2200
    /// Seconds a stamp may count, for the same reason (about year 2255 as an epoch).
    static let maximumSeconds: Int64 = 9_000_000_000
}
