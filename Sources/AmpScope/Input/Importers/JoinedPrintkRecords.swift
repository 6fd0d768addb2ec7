/// Kernel records that a forum joined into one line. A pasted dmesg loses its line breaks on some
/// forums, so each record's `[    1.234567] ` stamp follows the text of the one before after a
/// space (TI E2E thread 951530, https://e2e.ti.com/support/processors-group/processors/f/processors-forum/951530/compiler-am6548-not-able-to-load-the-firmware-in-r5-controller,
/// kept as samples/real/am65x-r5f-mbox-request-failed). The importer ends the line before each
/// such stamp by turning the joining space into LF, so every record is classified on its own and
/// no byte is added or lost.
enum JoinedPrintkRecords {
    /// Where the joining spaces are in `line` (offsets from its start), each followed by a
    /// printk stamp. Only a line that starts with a stamp is split, and only at stamps that do
    /// not go back in time: a time quoted inside a message is left alone.
    static func joins(in line: UnsafeRawBufferPointer) -> [Int] {
        // The importers' own reading of the leading stamp (the kernel's fixed layout first).
        guard line.count > 16, line[0] == UInt8(ascii: "["), let first = PrintkTime.logStamp(line) else { return [] }
        var previous = (microseconds: first.nanoseconds / 1_000, end: first.end)
        var joins: [Int] = []
        var index = previous.end
        while index < line.count, let base = line.baseAddress,
              let found = ByteSearch.first(UInt8(ascii: "["), in: base + index, count: line.count - index) {
            let bracket = found - base
            index = bracket + 1
            guard line[bracket - 1] == UInt8(ascii: " "),
                  let stamp = PrintkTime.stamp(line, at: bracket, maximumDigits: 10),
                  stamp.microseconds >= previous.microseconds,
                  stamp.end < line.count,
                  line[stamp.end] == UInt8(ascii: " ") || line[stamp.end] == UInt8(ascii: "[") else { continue }
            joins.append(bracket - 1)
            previous = (stamp.microseconds, stamp.end)
            index = stamp.end
        }
        return joins
    }

    /// Splits `bytes` (one line, its ending included) in place; returns how many records were
    /// split off.
    static func split(_ bytes: inout [UInt8]) -> Int {
        let joins = bytes.withUnsafeBytes { Self.joins(in: $0) }
        for join in joins { bytes[join] = 0x0A }
        return joins.count
    }
}
