/// The kinds of saved console logs ampscope can import. `session` files are read by
/// `SessionReader`; these are the text logs people already have.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// picocom/minicom/screen captures and any raw text: no host times.
    case plain
    /// tio `--timestamp`: `[2026-11-25 08:52:00.403] `, `[08:52:00.403] `, `[2026-11-25T08:52:00.403] `, `[1795596720.403] `.
    case tio
    /// grabserial `-t`/`-T`: `[    0.123456 0.000123] `, `[2026-11-25 08:51:56.664521 0.000123] `, `[08:51:56.664521] `.
    case grabserial
    /// moreutils `ts`: `Nov 25 08:52:00 `, `-s` `00:00:05 `, `%.s` `1795596716.664161 `, `%.S`/`%.T` fractions.
    case ts
    /// `dmesg`: `[    1.234567] text`; target kernel times, kept in the text.
    case dmesg
    /// `dmesg -T`: `[Wed Nov 25 08:52:00 2026] text`; the target's wall clock, 1 s resolution.
    case dmesgWallClock = "dmesg-T"
    /// `journalctl -k -o short-monotonic`: `[    1.234567] host kernel: text`; target kernel times.
    case journalctl = "journalctl-k"
    /// ampscope's own text logs (a session's `a7.log`) and `export --text`: `[+   12.345678] `,
    /// `[2026-11-25T08:52:00.123456Z] ` or `[1795596720.123456] `; `--- ... ---` lines are its markers.
    case ampscope
    /// `dmesg -r`: `<6>[    1.234567] text`; the level goes, the target kernel time stays in the text.
    case dmesgRaw = "dmesg-r"
    /// The target's journal or syslog file: `journalctl -o short-precise|short-iso|...`, rsyslog,
    /// busybox syslogd. Stamps are the target's wall clock (dated, or without a year).
    case syslog
    /// One file holding several consoles, each line prefixed `a7: `, `[m4] ` or `A7| `.
    case merged

    /// Formats whose every line starts with a stamp, most specific first: detection prefers an
    /// earlier one when two match equally (every journalctl line is also a dmesg line).
    static let stamped: [LogFormat] = [.ampscope, .journalctl, .dmesgWallClock, .dmesgRaw, .grabserial, .tio, .syslog, .ts, .dmesg]
}

/// What the chunk times of an import mean.
public enum ImportedTimeBase: String, Sendable, Hashable {
    /// No host times: every chunk has time 0; their order is the sequence.
    case none
    /// Host wall-clock stamps with a date: `firstWallClock` places the log in time.
    case hostWallClock = "host-wall-clock"
    /// Host times of day or seconds since the tool started: intervals are real, the date unknown.
    case hostElapsed = "host-elapsed"
    /// Host CLOCK_MONOTONIC (`ts -m`): intervals are real, unaffected by NTP steps.
    case hostMonotonic = "host-monotonic"
    /// The target's wall clock as `dmesg -T` computed it: 1 s resolution, not a host time.
    case targetWallClock = "target-wall-clock"

    public var isHostTime: Bool {
        self == .hostWallClock || self == .hostElapsed || self == .hostMonotonic
    }
}
