import Foundation

/// One shape of identifying value in console text, as data: the regular expression, the capture
/// group that holds the value (only that group is replaced, so `Serial#: 06534523` becomes
/// `Serial#: serial-1`), a line as a real source prints it and where that line comes from. The
/// unit tests redact every example and check its value is gone.
///
/// What deliberately stays (docs/report-json.md, "Redaction"): hex without separators
/// (`0x8ff00000`, git hashes) unless it is a MAC learned elsewhere in the input, register dumps,
/// printk stamps and versions, device-tree unit addresses, clock times, and values that identify
/// nobody (`RedactionKeepList`).
struct RedactionPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented thread-safe for matching.
    let regex: NSRegularExpression
    let kind: RedactionKind
    let group: Int
    /// A line as U-Boot, Linux, a firmware or a tool prints it, holding `exampleValue`.
    let example: String
    let exampleValue: String
    /// Where `example` comes from: a source file or a public log's address.
    let source: String
    /// What a text must show for the pattern to have a chance (`RedactionCandidates`): one of
    /// `needles` (none: no needle needed), in any case when `ignoringCase` (needles in lower
    /// case), and a shape `mayMatch` allows.
    let needles: [String]
    let ignoringCase: Bool
    let mayMatch: (@Sendable (RedactionPrefilter) -> Bool)?

    init(_ pattern: String, _ kind: RedactionKind, group: Int = 1, example: String, value: String, source: String,
         needles: [String] = [], ignoringCase: Bool = false, mayMatch: (@Sendable (RedactionPrefilter) -> Bool)? = nil) {
        // The patterns are constants of this file; a typo is a programming error caught by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        self.kind = kind
        self.group = group
        self.example = example
        self.exampleValue = value
        self.source = source
        self.needles = needles
        self.ignoringCase = ignoringCase
        self.mayMatch = mayMatch
    }

    /// Whether `value`, found by this pattern, identifies nobody and stays.
    func keeps(_ value: String) -> Bool {
        RedactionKeepList.keeps(value, kind: kind)
    }

    static let hostnameChars = "[A-Za-z0-9][A-Za-z0-9.-]*"
    static let hex2 = "[0-9A-Fa-f]{2}"

    /// In the order they run: secrets first (a token can look like anything), e-mail before
    /// prompts (both have `@`), MACs before IPv6 (both have `:`), FQDNs last.
    static let all: [RedactionPattern] = secrets + people + hosts + serials + addresses

    static let secrets: [RedactionPattern] = [
        RedactionPattern(#"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])"#, .secret,
                         example: "git clone https://ghp_1A2b3C4d5E6f7G8h9I0jK1l2M3n4O5p6Q7r8@github.com/acme/fw.git",
                         value: "ghp_1A2b3C4d5E6f7G8h9I0jK1l2M3n4O5p6Q7r8",
                         source: "token formats: https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
                         needles: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        RedactionPattern(#"(?<![A-Za-z0-9_])(glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])"#, .secret,
                         example: "export CI_TOKEN=glpat-Ab3dEf6hIj9kLm2nOp5q",
                         value: "glpat-Ab3dEf6hIj9kLm2nOp5q",
                         source: "https://docs.gitlab.com/ee/security/token_overview.html (personal access token prefix glpat-)",
                         needles: ["glpat-"]),
        RedactionPattern(#"(?<![A-Z0-9])((?:AKIA|ASIA)[0-9A-Z]{16})(?![A-Z0-9])"#, .secret,
                         example: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
                         value: "AKIAIOSFODNN7EXAMPLE",
                         source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html (the documented example key)",
                         needles: ["AKIA", "ASIA"]),
        // Key=value secrets: U-Boot environments, wpa_supplicant.conf, shell history.
        RedactionPattern(#"(?i)(?<![A-Za-z0-9_])(?:password|passwd|pwd|psk|wpa_passphrase|passphrase|token|secret|api_?key|access_?key)\s*(?:=|:\s)\s*"?((?<=")[^"\n]+|[^\s"',;]+)"#, .secret,
                         example: "\tpsk=\"correct horse battery\"",
                         value: "correct horse battery",
                         source: "wpa_supplicant.conf(5) network block, psk=\"...\" (man wpa_supplicant.conf)",
                         needles: ["passw", "pwd", "psk", "passphrase", "token", "secret", "api", "access"], ignoringCase: true, mayMatch: { $0.hasAssignment }),
    ]

    static let people: [RedactionPattern] = [
        RedactionPattern(#"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])"#, .email,
                         example: "[    0.000000] Linux version 5.4.91 (jdoe@build.acme-corp.com) (gcc version 9.3.0) #1 SMP",
                         value: "jdoe@build.acme-corp.com",
                         source: "init/version.c: LINUX_COMPILE_BY@LINUX_COMPILE_HOST in linux_banner",
                         mayMatch: { $0.hasAt && $0.hasDotLetter }),
        // The kernel banner's builder without a domain: `(oe-user@oe-host)` from Yocto.
        RedactionPattern(#"Linux version \S+ \(([^@\s()]+)@[^\s()]+\)"#, .user,
                         example: "[    0.000000] Linux version 6.1.83-6.6.1 (oe-user@oe-host) (arm-tdx-linux-gnueabi-gcc (GCC) 11.4.0) #1 SMP",
                         value: "oe-user",
                         source: "init/version.c linux_banner; Yocto kernel.bbclass sets KBUILD_BUILD_USER=oe-user",
                         needles: ["Linux version "]),
        RedactionPattern(#"Linux version \S+ \([^@\s()]+@([^\s()]+)\)"#, .host,
                         example: "[    0.000000] Linux version 6.1.83-6.6.1 (oe-user@oe-host) (arm-tdx-linux-gnueabi-gcc (GCC) 11.4.0) #1 SMP",
                         value: "oe-host",
                         source: "init/version.c linux_banner; Yocto kernel.bbclass sets KBUILD_BUILD_HOST=oe-host",
                         needles: ["Linux version "]),
        RedactionPattern(#"(?:/home/|/Users/|/srv/)([^/\s:'"<>,;]+)"#, .user,
                         example: "nfsroot=192.168.10.1:/srv/jdoe/rootfs,v3,tcp",
                         value: "jdoe",
                         source: "Documentation/admin-guide/nfs/nfsroot.rst (nfsroot=[<server-ip>:]<root-dir>)",
                         needles: ["/home/", "/Users/", "/srv/"]),
        // Shell prompts: `user@host:/path#` or `user@host:~$`.
        RedactionPattern(#"(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]+)@"# + hostnameChars + #":\S*[#$]"#, .user,
                         example: "jdoe@gateway-7:/home/jdoe/fw$ make", value: "jdoe",
                         source: "bash PS1 default '\\u@\\h:\\w\\$ ' (Debian /etc/bash.bashrc)",
                         mayMatch: { $0.hasAt && $0.colons > 0 && $0.hasPromptEnd }),
        RedactionPattern(#"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+@("# + hostnameChars + #"):\S*[#$]"#, .host,
                         example: "root@apollo-7:~# cat /proc/cmdline", value: "apollo-7",
                         source: "bash PS1 default '\\u@\\h:\\w\\$ ' (Debian /etc/bash.bashrc)",
                         mayMatch: { $0.hasAt && $0.colons > 0 && $0.hasPromptEnd }),
        // PAM: `pam_unix(login:session): session opened for user jdoe(uid=1000) by LOGIN(uid=0)`.
        RedactionPattern(#"for user ([A-Za-z_][A-Za-z0-9_.-]*)"#, .user,
                         example: "pam_unix(login:session): session opened for user jdoe(uid=1000) by LOGIN(uid=0)", value: "jdoe",
                         source: "linux-pam modules/pam_unix/pam_unix_sess.c: \"session opened for user %s(uid=%lu) by %s(uid=%lu)\"",
                         needles: ["for user "]),
        // The name typed at the login prompt (echoed by the board).
        RedactionPattern(#"^\s*"# + hostnameChars + #" login: ([A-Za-z_][A-Za-z0-9_.-]*)\s*$"#, .user,
                         example: "colibri-imx7 login: jdoe", value: "jdoe",
                         source: "util-linux login-utils/agetty.c prints \"%s login: \" with the host name",
                         needles: [" login:"]),
    ]

    static let hosts: [RedactionPattern] = [
        // The login prompt (`colibri-imx7 login:`, perhaps with the typed user after it, or a
        // late printk landing on the prompt's line: DOMAIN.md §5).
        RedactionPattern(#"^\s*("# + hostnameChars + #") login:(?:(?: \S*)?\s*$| *\[ *\d+\.\d{6}\])"#, .host,
                         example: "apollo-7 login: root", value: "apollo-7",
                         source: "util-linux login-utils/agetty.c prints \"%s login: \" with the host name",
                         needles: [" login:"]),
        RedactionPattern(#"[Ss]et hostname to <([^>\s]+)>"#, .host,
                         example: "[    2.468269] systemd[1]: Set hostname to <gateway-7>.", value: "gateway-7",
                         source: "systemd src/core/hostname-setup.c: \"Set hostname to <%s>.\"",
                         needles: ["et hostname to <"]),
        RedactionPattern(#"Changed (?:static |pretty |transient )?host ?name to '([^'\s]+)'"#, .host,
                         example: "systemd-hostnamed[312]: Changed host name to 'lab-bench'", value: "lab-bench",
                         source: "systemd src/hostname/hostnamed.c: \"Changed host name to '%s'\"",
                         needles: ["Changed "]),
        // U-Boot environment and kernel command line.
        RedactionPattern(#"(?<![A-Za-z0-9_])hostname=("# + hostnameChars + #")"#, .host,
                         example: "hostname=lab-bench-3", value: "lab-bench-3",
                         source: "U-Boot env variable hostname (doc/usage/environment.rst)",
                         needles: ["hostname="]),
        RedactionPattern(#"(?<![A-Za-z0-9_])nfsroot=("# + hostnameChars + #"):"#, .host,
                         example: "Kernel command line: console=ttymxc0,115200 root=/dev/nfs nfsroot=nfs.acme-corp.com:/srv/jdoe,v3 ip=dhcp",
                         value: "nfs.acme-corp.com",
                         source: "Documentation/admin-guide/nfs/nfsroot.rst (nfsroot=[<server-ip>:]<root-dir>)",
                         needles: ["nfsroot="]),
        RedactionPattern(#"(?<![A-Za-z0-9_])ip=[^:\s]*:[^:\s]*:[^:\s]*:[^:\s]*:([A-Za-z][A-Za-z0-9.-]*)"#, .host,
                         example: "ip=192.168.10.42:192.168.10.1:192.168.10.1:255.255.255.0:bench-7:eth0:off", value: "bench-7",
                         source: "Documentation/admin-guide/nfs/nfsroot.rst (ip=<client-ip>:<server-ip>:<gw-ip>:<netmask>:<hostname>:<device>:<autoconf>)",
                         needles: ["ip="]),
    ]

    static let serials: [RedactionPattern] = [
        // Toradex U-Boot `Serial#: 06534523` and `Model: ..., Serial# 06413914`; `serial#=` in printenv.
        RedactionPattern(#"[Ss]erial#\s*[=:]?\s*([0-9A-Za-z][0-9A-Za-z-]*)"#, .serial,
                         example: "Serial#: 06534523", value: "06534523",
                         source: "U-Boot board/toradex/common/tdx-common.c: printf(\"Serial#: %s\\n\", tdx_serial_str)",
                         needles: ["erial#"]),
        RedactionPattern(#"SerialNumber:\s*([0-9A-Za-z][0-9A-Za-z._-]*)"#, .serial,
                         example: "[    3.112233] usb 1-1: SerialNumber: A50285BI", value: "A50285BI",
                         source: "drivers/usb/core/hub.c announce_device(): \"SerialNumber: %s\\n\"",
                         needles: ["SerialNumber:"]),
        RedactionPattern(#"(?i)(?:fsl,serial|serial-number|serial_number|serialno)\s*[=:]?\s*"?([0-9A-Za-z][0-9A-Za-z-]{3,})"#, .serial,
                         example: "serial-number = \"06534523\";", value: "06534523",
                         source: "U-Boot boot/fdt_support.c fdt_root(): sets /serial-number from serial#; dtc -I fs /proc/device-tree",
                         needles: ["fsl,serial", "serial-number", "serial_number", "serialno"], ignoringCase: true),
        // eMMC CID: `cat /sys/block/mmcblk0/device/cid` prints it alone on a line; `cid: ...` in listings.
        RedactionPattern(#"(?i)^\s*([0-9a-f]{32})\s*$"#, .serial,
                         example: "150100514a35354c1004a8d3ba3f5d00", value: "150100514a35354c1004a8d3ba3f5d00",
                         source: "drivers/mmc/core/mmc.c MMC_DEV_ATTR(cid, \"%08x%08x%08x%08x\\n\", ...)",
                         mayMatch: { $0.longestHexRun >= 32 }),
        RedactionPattern(#"(?i)\bcid\s*[=:]\s*([0-9a-f]{32})(?![0-9a-z])"#, .serial,
                         example: "/sys/block/mmcblk0/device/cid: 150100514a35354c1004a8d3ba3f5d00", value: "150100514a35354c1004a8d3ba3f5d00",
                         source: "drivers/mmc/core/mmc.c MMC_DEV_ATTR(cid, ...), as `grep . /sys/block/mmcblk0/device/*` prints it",
                         mayMatch: { $0.longestHexRun >= 32 }),
    ]

    static let addresses: [RedactionPattern] = [
        // MACs with separators, colon or dash, any case.
        RedactionPattern(#"(?<![0-9A-Fa-f:-])((?:"# + hex2 + #":){5}"# + hex2 + #"|(?:"# + hex2 + #"-){5}"# + hex2 + #")(?![0-9A-Fa-f:-])"#, .mac,
                         example: "Address in ROM is          00:14:2d:4a:5b:6c",
                         value: "00:14:2d:4a:5b:6c",
                         source: "U-Boot net/eth-uclass.c eth_post_probe(): \"Address in ROM is          %pM\"",
                         mayMatch: { ($0.colons >= 5 && $0.hasRuns(6, separatedBy: ":", minimumLength: 2))
                             || ($0.dashes >= 5 && $0.hasRuns(6, separatedBy: "-", minimumLength: 2)) }),
        // Cisco's dotted form.
        RedactionPattern(#"(?<![0-9A-Za-z.])([0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Za-z]|\.[0-9A-Za-z])"#, .mac,
                         example: "  10    0014.2d4a.5b6c    DYNAMIC     Gi1/0/3", value: "0014.2d4a.5b6c",
                         source: "Cisco IOS `show mac address-table` (https://www.cisco.com/c/en/us/td/docs/switches/lan/catalyst2960/software/release/12-2_55_se/command/reference/2960cr/cli2.html)",
                         mayMatch: { $0.dots >= 2 && $0.hasRuns(3, separatedBy: ".", minimumLength: 4) }),
        // Bare hex only where a MAC is named; elsewhere only when the same MAC was seen with separators.
        RedactionPattern(#"(?i)(?:ethaddr|eth[0-9]addr|mac(?:addr|address)?|hwaddr|ether|fec\.macaddr)\s*[=:]?\s*([0-9a-f]{12})(?![0-9a-z])"#, .mac,
                         example: "fec.macaddr=00142d4a5b6c", value: "00142d4a5b6c",
                         source: "Documentation/admin-guide/kernel-parameters.txt and drivers/net/ethernet/freescale/fec_main.c (macaddr module parameter)",
                         needles: ["eth", "mac", "hwaddr"], ignoringCase: true, mayMatch: { $0.longestHexRun >= 12 }),
        RedactionPattern(#"(?<![0-9A-Za-z_:.])((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?)(?![0-9A-Za-z_:])"#, .ip,
                         example: "    inet6 fe80::214:2dff:fe4a:5b6c/64 scope link", value: "fe80::214:2dff:fe4a:5b6c",
                         source: "iproute2 ip/ipaddress.c print_addrinfo()",
                         mayMatch: { $0.hasDoubleColon || ($0.colons >= 7 && $0.hasRuns(8, separatedBy: ":", minimumLength: 1)) }),
        RedactionPattern(#"(?<![0-9A-Za-z_.])((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})(?![0-9A-Za-z_]|\.[0-9])"#, .ip,
                         example: "TFTP from server 192.168.10.1; our IP address is 192.168.10.42", value: "192.168.10.42",
                         source: "U-Boot net/tftp.c tftp_start(): \"TFTP from server %pI4; our IP address is %pI4\"",
                         mayMatch: { $0.dots >= 3 && $0.hasRuns(4, separatedBy: ".", minimumLength: 1, decimal: true) }),
        RedactionPattern(#"(?i)(?<![A-Za-z0-9_.@-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:"# + RedactionKeepList.domainEndings.joined(separator: "|") + #"))(?![A-Za-z0-9_-]|\.[A-Za-z0-9])"#, .host,
                         example: "[   12.345678] VFS: Mounted root (nfs filesystem) on device 0:15. nfs.acme-corp.com not responding, still trying",
                         value: "nfs.acme-corp.com",
                         source: "fs/nfs/client.c: \"nfs: server %s not responding, still trying\"",
                         mayMatch: { $0.hasDomainEnding }),
    ]

    /// A MAC in any notation: twelve hex digits, lower case (`00142d4a5b6c`).
    static func normalizedMAC(_ value: String) -> String {
        String(value.lowercased().filter(\.isHexDigit))
    }
}
