import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Issue 19's leak, as the user saw it: `ampscope report` on a log with `Serial#: 06534523` (as
/// Toradex U-Boot prints it, board/toradex/common/tdx-common.c), `nfsroot=nfs.acme-corp.com:/srv/jdoe`
/// on the kernel command line and `board id 06534523` later on, one MAC written four ways, a
/// token and the Yocto builder `oe-user@oe-host` in the kernel banner (init/version.c). The
/// report kept the serial, host and user names and said no serial numbers were found.
@Suite struct RedactionLeakTests {
    static let a7 = """
        U-Boot 2020.07-5.7.6+git.7b17b83ca4bf (Jan 01 2022 - 00:00:00 +0000)
        CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
        Model: Toradex Colibri iMX7 Dual 1GB (eMMC) V1.1B
        Serial#: 06534523
        Net:   FEC0
        ethaddr=00:14:2D:4A:5B:6C
        Starting kernel ...
        [    0.000000] Booting Linux on physical CPU 0x0
        [    0.000000] Linux version 6.1.83 (oe-user@oe-host) (arm-tdx-linux-gnueabi-gcc (GCC) 11.4.0) #1 SMP
        [    0.000000] Kernel command line: console=ttymxc0,115200 root=/dev/nfs nfsroot=nfs.acme-corp.com:/srv/jdoe,v3 ip=dhcp
        [    1.100000] fec 30be0000.ethernet eth0: registered, MAC 00-14-2d-4a-5b-6c, link/ether 00:14:2d:4a:5b:6c
        [    1.200000] board id 06534523
        [    1.300000] switch port 0014.2d4a.5b6c, eeprom 00142D4A5B6C
        [    1.400000] pam_unix(login:session): session opened for user jdoe(uid=1000) by LOGIN(uid=0)
        [    1.500000] curl token=ghp_1A2b3C4d5E6f7G8h9I0jK1l2M3n4O5p6Q7r8 from 192.168.10.7 as jane.doe@acme-corp.com
        [    1.550000] nfs: server nfs.acme-corp.com not responding, still trying
        [    1.600000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,255)

        """

    static let secrets = [
        "06534523", "nfs.acme-corp.com", "acme-corp", "jdoe", "oe-user", "oe-host", "ghp_1A2b3C4d5E6f7G8h9I0jK1l2M3n4O5p6Q7r8",
        "192.168.10.7", "jane.doe",
    ]
    /// The MAC in every notation, compared case-insensitively.
    static let macForms = ["00:14:2d:4a:5b:6c", "00-14-2d-4a-5b-6c", "0014.2d4a.5b6c", "00142d4a5b6c"]

    @Test func theIssuesLogLeaksNothingAndTheFooterCountsIt() throws {
        let directory = temporaryDirectory("redaction-leak")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.a7.write(toFile: directory + "/a7.log", atomically: true, encoding: .utf8)
        let run = try ToolProcess.run(["report", "--a7", directory + "/a7.log", "-o", directory + "/report"])
        #expect(run.status == 3, "report: \(run.stdout) \(run.stderr)")
        for name in ["report.md", "report.html", "report.json"] {
            let text = try String(contentsOfFile: directory + "/report/" + name, encoding: .utf8)
            for secret in Self.secrets { #expect(!text.contains(secret), "\(name) leaks \(secret)") }
            for form in Self.macForms { #expect(!text.lowercased().contains(form), "\(name) leaks the MAC as \(form)") }
            // The lines are there, redacted: one MAC in four notations and two cases is one pseudonym.
            #expect(text.contains("board id serial-1"), "\(name) lost the board id line")
            #expect(text.contains("switch port mac-1, eeprom mac-1"), "\(name): the MAC's notations got different pseudonyms")
            #expect(!text.contains("mac-2"), "\(name): one MAC became two pseudonyms")
        }
        let markdown = try String(contentsOfFile: directory + "/report/report.md", encoding: .utf8)
        let footer = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("Redacted") }, "no redaction footer")
        // Counted by hand over the whole log: one serial, one MAC, one IP, one e-mail; hosts
        // nfs.acme-corp.com and oe-host; users jdoe and oe-user; the GitHub token.
        for part in ["1 serial number", "1 MAC address", "1 IP address", "1 e-mail address", "2 host names", "2 user names", "1 token or password"] {
            #expect(footer.contains(part), "footer: \(footer)")
        }
        #expect(run.stdout.contains("1 serial number"), "the command's own summary: \(run.stdout)")
    }

    @Test func theBundleLeaksNothingEither() throws {
        let directory = temporaryDirectory("redaction-leak-bundle")
        try FileManager.default.createDirectory(atPath: directory + "/unpacked", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.a7.write(toFile: directory + "/a7.log", atomically: true, encoding: .utf8)
        let run = try ToolProcess.run(["report", "--a7", directory + "/a7.log", "-o", directory + "/report", "--bundle"])
        #expect(run.status == 3, "report: \(run.stdout) \(run.stderr)")
        let bundle = directory + "/report/" + ReportBundle.fileName
        #expect(run.stdout.contains(bundle))
        _ = try ToolProcess.runCommandOutput(["/usr/bin/tar", "-xzf", bundle, "-C", directory + "/unpacked"])
        let root = directory + "/unpacked/ampscope-bundle"
        let files = ["report.md", "report.html", "report.json", "logs/a7.log"]
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for secret in Self.secrets { #expect(!text.contains(secret), "\(file) leaks \(secret)") }
            for form in Self.macForms { #expect(!text.lowercased().contains(form), "\(file) leaks the MAC as \(form)") }
        }
        // The log keeps every line, with the report's pseudonyms.
        let log = try String(contentsOfFile: root + "/logs/a7.log", encoding: .utf8)
        #expect(log.split(separator: "\n", omittingEmptySubsequences: false).count == Self.a7.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(log.contains("Serial#: serial-1") && log.contains("board id serial-1"))
        #expect(log.contains("switch port mac-1, eeprom mac-1"))
    }
}
