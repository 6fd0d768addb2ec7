import AmpScope
import Testing
@testable import AmpScopeTestSupport

/// Redactor on lines taken from (or shaped like) real i.MX7 boot logs; every expected string is
/// written by hand.
@Suite struct RedactionTests {
    private func redacted(_ lines: [String]) -> ([String], [RedactionKind: RedactionCount]) {
        var redactor = Redactor()
        let out = lines.map { redactor.redact($0) }
        return (out, Dictionary(redactor.counts.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    @Test(arguments: [
        // Kernel and U-Boot hex: no separators, or a space after the colon (register dumps).
        "   Loading Device Tree to 8ffe6000, end 8fff47a7 ... OK",
        "Reserved memory: created DMA memory pool at 0x8ff00000, size 1 MiB",
        "fe00: c0a81c5c 00000000 c0a8:1f2e c0a80000 00000001 d8e8fe3c c0108e44 c0a81c5c",
        "[<c0a81234>] (imx_rpmsg_probe) from [<c05d9b40>] (platform_drv_probe+0x58/0xb8)",
        "CPU: ARMv7 Processor [410fc075] revision 5 (ARMv7), cr=10c5387d",
        // Stamps and versions that look like IPs.
        "[   10.123456] random: crng init done",
        "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)",
        "Linux version 4.14.98-2.3.0+g9b4e6e5 (gcc version 9.2.0 (GCC)) #1 SMP",
        // A board's default host name (the vendor image's, the same on every unit) says nothing.
        "root@colibri-imx7:~# uname -a",
        "stm32mp1 login: root",
        // Documentation addresses (RFC 2606) and public project domains.
        "see https://www.kernel.org/doc and mail admin@example.com",
        "firmware v1.2.3.4 loaded",
        // Device-tree unit addresses and masks/loopback that identify nobody.
        "[    0.702131] 30890000.serial: ttymxc1 at MMIO 0x30890000 (irq = 27, base_baud = 5000000) is a IMX",
        "inet 127.0.0.1/8 scope host lo, netmask 255.255.255.0, any 0.0.0.0, inet6 ::1/128",
        "link/ether 00:00:00:00:00:00 brd ff:ff:ff:ff:ff:ff",
        "std::vector<int> and Foo::add in a C++ backtrace",
        "Last login: Tue Dec 15 13:15:07 UTC 2020 on ttymxc0",
        "root@localhost:~# ls /home/root",
    ])
    func leavesLookalikesAlone(line: String) {
        let (out, counts) = redacted([line])
        #expect(out == [line])
        #expect(counts.isEmpty)
    }

    @Test func serialsInUBootAndUSBDescriptorsGo() {
        let (out, counts) = redacted([
            "Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# 06413914",
            "serial#=06413914",
            "[    3.112233] usb 1-1: SerialNumber: A50285BI",
            "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0",
        ])
        #expect(out == [
            "Model: Toradex Colibri iMX7 Dual 512MB V1.1D, Serial# serial-1",
            "serial#=serial-1",
            "[    3.112233] usb 1-1: SerialNumber: serial-2",
            // Learned from the descriptor line, replaced inside the by-id path too.
            "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_serial-2-if00-port0",
        ])
        #expect(counts[.serial]?.values == 2)
        #expect(counts[.serial]?.occurrences == 4)
    }

    @Test func addressesGetStablePseudonyms() {
        let (out, counts) = redacted([
            "Warning: FEC0 MAC addresses don't match: Address in SROM is 00:14:2d:4e:5f:60",
            "    link/ether 00:14:2D:4E:5F:61 brd ff:ff:ff:ff:ff:ff",
            "ethaddr=00:14:2d:4e:5f:60",
            "    inet 192.168.10.42/24 brd 192.168.10.255 scope global eth0",
            "ping 192.168.10.42. Done, gateway 10.0.0.1:8080",
            "    inet6 fe80::214:2dff:fe4e:5f60/64 scope link",
            "    inet6 2001:db8:85a3:0:0:8a2e:370:7334/64 scope global",
        ])
        #expect(out == [
            "Warning: FEC0 MAC addresses don't match: Address in SROM is mac-1",
            "    link/ether mac-2 brd ff:ff:ff:ff:ff:ff",
            "ethaddr=mac-1",
            "    inet ip-1/24 brd ip-2 scope global eth0",
            "ping ip-1. Done, gateway ip-3:8080",
            "    inet6 ip-4/64 scope link",
            "    inet6 ip-5/64 scope global",
        ])
        #expect(counts[.mac]?.values == 2)
        #expect(counts[.ip]?.values == 5)
        #expect(counts[.ip]?.occurrences == 6)
    }

    @Test func hostNamesFromPromptsAndSystemdAndUserNames() {
        var redactor = Redactor()
        let banner = "TDX Wayland 5.1.0 verdin-imx8mp-06849059 ttymxc2"
        let prompt = "verdin-imx8mp-06849059 login: "
        // Toradex's default host name is the module's with its serial appended: the name stays,
        // the serial goes, learned from the prompt that comes after the banner.
        redactor.learn(banner + "\n" + prompt)
        #expect(redactor.redact(banner) == "TDX Wayland 5.1.0 verdin-imx8mp-serial-1 ttymxc2")
        #expect(redactor.redact(prompt) == "verdin-imx8mp-serial-1 login: ")
        #expect(redactor.redact("[    2.468269] systemd[1]: Set hostname to <gateway-7>.") == "[    2.468269] systemd[1]: Set hostname to <host-1>.")
        #expect(redactor.redact("systemd-hostnamed[312]: Changed host name to 'lab-bench'") == "systemd-hostnamed[312]: Changed host name to 'host-2'")
        #expect(redactor.redact("jdoe@gateway-7:/home/jdoe/fw$ make") == "user-1@host-1:/home/user-1/fw$ make")
        #expect(redactor.redact("root@verdin-imx8mp-06849059:~# reboot") == "root@verdin-imx8mp-serial-1:~# reboot")
        #expect(redactor.redact("scp /Users/alice/m4.elf root@host") == "scp /Users/user-2/m4.elf root@host")
        #expect(redactor.redact("contact jane.doe+fw@acme-corp.com for access") == "contact email-1 for access")
        // A host name inside a longer word stays: the board file's name is not the host.
        #expect(redactor.redact("board-script:gateway-7-clock.board") == "board-script:gateway-7-clock.board")
        let counts = Dictionary(redactor.counts.map { ($0.kind, $0.values) }, uniquingKeysWith: +)
        #expect(counts == [.host: 2, .user: 2, .email: 1, .serial: 1])
    }

    @Test func theKernelBuildersUserAndHostGo() {
        var redactor = Redactor()
        let banner = "[    0.000000] Linux version 6.1.83 (oe-user@oe-host) (arm-tdx-linux-gnueabi-gcc (GCC) 11.4.0) #1 SMP"
        #expect(redactor.redact(banner) == "[    0.000000] Linux version 6.1.83 (user-1@host-1) (arm-tdx-linux-gnueabi-gcc (GCC) 11.4.0) #1 SMP")
    }

    @Test func oneMACInEveryNotationIsOnePseudonym() {
        var redactor = Redactor()
        redactor.learn("ethaddr=00:14:2d:4a:5b:6c")
        #expect(redactor.redact("HWaddr 00:14:2D:4A:5B:6C") == "HWaddr mac-1")
        #expect(redactor.redact("MAC 00-14-2d-4a-5b-6c") == "MAC mac-1")
        #expect(redactor.redact("port 0014.2d4a.5b6c up") == "port mac-1 up")
        #expect(redactor.redact("eeprom 00142D4A5B6C, fuse 00142d4a5b6c") == "eeprom mac-1, fuse mac-1")
        // Twelve hex digits that are no MAC seen anywhere (a git hash) stay.
        #expect(redactor.redact("U-Boot 2020.07+git.7b17b83ca4bf") == "U-Boot 2020.07+git.7b17b83ca4bf")
        #expect(redactor.counts.first { $0.kind == .mac }?.values == 1)
    }

    @Test func tokensAndPasswordsGo() {
        var redactor = Redactor()
        #expect(redactor.redact("git clone https://ghp_1A2b3C4d5E6f7G8h9I0jK1l2M3n4O5p6Q7r8@github.com/a/b") == "git clone https://secret-1@github.com/a/b")
        #expect(redactor.redact("glpat-Ab3dEf6hIj9kLm2nOp5q AKIAIOSFODNN7EXAMPLE") == "secret-2 secret-3")
        #expect(redactor.redact("setenv password=hunter22; psk=\"correct horse\"") == "setenv password=secret-4; psk=\"secret-5\"")
        #expect(redactor.redact("tried hunter22 again") == "tried secret-4 again")
    }

    @Test func aSerialNamedOnceGoesEverywhereOnceLearned() {
        var redactor = Redactor()
        // The first pass reads the whole input: the later `Serial#:` line names the number.
        for line in ["board id 06534523", "Serial#: 06534523"] { redactor.learn(line) }
        #expect(redactor.redact("board id 06534523") == "board id serial-1")
        #expect(redactor.redact("Serial#: 06534523") == "Serial#: serial-1")
    }

    @Test func redactingTwiceChangesNothingMore() {
        var redactor = Redactor()
        let once = redactor.redact("root@gw:~# ip a: 00:14:2d:4e:5f:60 192.168.1.2 Serial# 0641")
        #expect(once == "root@host-1:~# ip a: mac-1 ip-1 Serial# serial-1")
        #expect(redactor.redact(once) == once)
    }
}
