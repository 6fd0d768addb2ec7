/// The fixed list of read-only commands the probe types into the board's Linux shell, as data.
/// Every command only reads (cat, find, od, grep, dmesg); loops run in a subshell `( ... )` so a
/// `cd` or `exit` inside never changes the user's shell, and they end with `exit 0` so the
/// status says whether the thing they read exists (2: it does not), not how the last test went.
/// They are written for BusyBox ash as much as for bash: no arrays, no `[[`, no process substitution.
public struct ProbeScript: Sendable, Hashable {
    public struct Command: Sendable, Hashable {
        /// What FactsParser reads the output as: `uname`, `cmdline`, `devicetree`, ...
        public var id: String
        public var line: String
        /// Seconds without any output after which the command counts as hung.
        public var quietTimeout: Double

        public init(id: String, line: String, quietTimeout: Double = 20) {
            self.id = id
            self.line = line
            self.quietTimeout = quietTimeout
        }
    }

    public var commands: [Command]

    public init(commands: [Command]) {
        self.commands = commands
    }

    /// Properties of one node directory `$d`: strings through `tr`, cells as one hex run through `od`.
    private static let nodeProperties =
        #"for p in status compatible; do [ -f $d/$p ] && echo "P $p $(tr '\0' ' ' <$d/$p)"; done; "#
        + #"for p in reg memory-region phandle; do [ -f $d/$p ] && echo "P $p $(od -An -tx1 -v $d/$p | tr -d ' \n')"; done; "#
        + #"[ -e $d/no-map ] && echo "P no-map""#

    public static let standard = ProbeScript(commands: [
        Command(id: "uname", line: "uname -r"),
        Command(id: "cmdline", line: "cat /proc/cmdline"),
        Command(id: "devicetree", line:
            #"(cd /sys/firmware/devicetree/base 2>/dev/null || exit 2; echo "M $(tr '\0' ' ' <model)"; "#
            + #"for d in $(find . -path ./reserved-memory -prune -o -type d \( -name 'rpmsg*' -o -name '*-rpmsg*' -o -name 'm4*' -o -name '*cm4*' -o -name '*rproc*' -o -name '*remoteproc*' -o -name 'mailbox@*' \) -print); "#
            + #"do echo "N ${d#.}"; "# + nodeProperties + "; done; exit 0)"),
        Command(id: "reserved-memory", line:
            #"(cd /sys/firmware/devicetree/base/reserved-memory 2>/dev/null || exit 2; "#
            + #"for d in *; do [ -d "$d" ] || continue; echo "N /reserved-memory/$d"; "# + nodeProperties + "; done; exit 0)"),
        Command(id: "modules", line: "cat /proc/modules"),
        Command(id: "remoteproc", line:
            #"([ -d /sys/class/remoteproc ] || exit 2; for r in /sys/class/remoteproc/*; do [ -e "$r" ] || continue; "#
            + #"echo "R ${r##*/}"; for f in name state firmware; do [ -r $r/$f ] && echo "P $f $(cat $r/$f)"; done; done; exit 0)"#),
        Command(id: "rpmsg", line:
            #"(for f in /dev/ttyRPMSG*; do [ -e "$f" ] && echo "T $f"; done; [ -d /sys/bus/rpmsg ] || exit 2; "#
            + #"for f in /sys/bus/rpmsg/devices/*; do [ -e "$f" ] && echo "D ${f##*/}"; done; exit 0)"#),
        Command(id: "clocks", line:
            #"(f=/sys/kernel/debug/clk/clk_summary; [ -r $f ] || exit 2; grep -iE 'uart|m4|mu_root|arm_m' $f; exit 0)"#),
        Command(id: "iomem", line: "cat /proc/iomem"),
        // Right before dmesg: with the host time it arrived, it places dmesg's lines on the
        // capture's clock when the capture began after the boot.
        Command(id: "uptime", line: "cat /proc/uptime"),
        Command(id: "dmesg", line: "dmesg", quietTimeout: 30),
    ])

    /// The line typed for command `number`: the command between two markers. The markers are
    /// split by an empty quote (`__AMPS''_`) so the shell's echo of the typed line can never be
    /// taken for the marker the command prints; the end marker carries the exit status. A
    /// leading space keeps it out of bash's history (HISTCONTROL=ignorespace).
    public static func framed(_ command: String, nonce: String, number: Int, withStatus: Bool = true) -> String {
        // U-Boot's hush has no dependable `$?`: its end marker carries a fixed 0.
        " echo __AMPS''_\(nonce)_\(number)_B; \(command); echo __AMPS''_\(nonce)_\(number)_E \(withStatus ? "$?" : "0")"
    }

    public static func beginMarker(nonce: String, number: Int) -> String { "__AMPS_\(nonce)_\(number)_B" }

    public static func endMarkerPrefix(nonce: String, number: Int) -> String { "__AMPS_\(nonce)_\(number)_E " }
}
