import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// One sample per format, with lines copied from real logs (research/latency-peers.md,
/// capture-anchors.md, DOMAIN.md); expected times worked out by hand from the stamps.
@Suite struct ImportFormatTests {
    typealias F = ImportFixture

    @Test func tioIso8601KeepsCRLFAndTimesFromFirstLine() throws {
        let log = """
            [2026-11-25T08:52:00.403] seq=0 rt=1795596720.403158 ___\r
            [2026-11-25T08:52:00.415] seq=1 rt=1795596720.415002 ___\r
            [2026-11-25T08:52:01.002] RPMSG Init as Remote\r

            """
        let run = try F.run(log, options: LogImportOptions(consoleName: "m4"))
        #expect(run.detection.format == .tio)
        #expect(run.texts == ["seq=0 rt=1795596720.403158 ___\r\n", "seq=1 rt=1795596720.415002 ___\r\n", "RPMSG Init as Remote\r\n"])
        #expect(run.times == [0, 12 * F.millisecond, 599 * F.millisecond])
        #expect(run.chunks.map(\.sequence) == [0, 1, 2])
        #expect(run.summary.hasHostTimes)
        #expect(run.summary.timeBase == .hostWallClock)
        // The line's own rt= field is the same instant read as UTC (358 µs later: tio prints ms).
        #expect(run.summary.firstWallClock == 1_795_596_720_403_000_000)
        #expect(run.summary.lastWallClock == 1_795_596_721_002_000_000)
        #expect(run.summary.consoles == [ImportedLog.Console(id: 0, name: "m4", lineCount: 3)])
        #expect(run.summary.unstampedLines == 0)
    }

    @Test func tioDateAnd24HourAndEpochForms() throws {
        let dated = try F.run("[2026-11-25 08:52:00.403] a\n[2026-11-25 08:52:00.500] b\n")
        #expect(dated.detection.format == .tio)
        #expect(dated.times == [0, 97 * F.millisecond])
        #expect(dated.texts == ["a\n", "b\n"])

        // tio 2.5 24hour, as run: `[00:00:01.339] line1`; crossing midnight keeps counting up.
        let clock = try F.run("[23:59:59.900] line1\n[00:00:00.100] line2\n")
        #expect(clock.detection.format == .tio)
        #expect(clock.times == [0, 200 * F.millisecond])
        #expect(clock.summary.timeBase == .hostElapsed)
        #expect(clock.summary.firstWallClock == nil)

        let epoch = try F.run("[1795596720.403] a\n[1795596720.403158] b\n")
        #expect(epoch.detection.format == .tio)
        #expect(epoch.times == [0, 158_000])
        #expect(epoch.summary.firstWallClock == 1_795_596_720_403_000_000)
    }

    @Test func grabserialAbsoluteRelativeAndDeltaForms() throws {
        // As the harness ran it: -T -n -F '%Y-%m-%d %H:%M:%S.%f' (CR dropped by grabserial).
        let absolute = try F.run("""
            [2026-11-25 08:51:56.664521] seq=0 rt=1795596716.664161 ___
            [2026-11-25 08:51:56.764530] seq=1 rt=1795596716.764200 ___

            """)
        #expect(absolute.detection.format == .grabserial)
        #expect(absolute.texts == ["seq=0 rt=1795596716.664161 ___\n", "seq=1 rt=1795596716.764200 ___\n"])
        #expect(absolute.times == [0, 100_009_000])
        #expect(absolute.summary.firstWallClock == 1_795_596_716_664_521_000)

        let relative = try F.run("""
            [    0.000000 0.000000] U-Boot 2016.11 (Nov 25 2026 - 08:00:00 +0000)
            [    1.250000 1.250000] Starting kernel ...
            [    2.000123 0.750123] [    0.000000] Booting Linux on physical CPU 0x0

            """)
        #expect(relative.detection.format == .grabserial)
        #expect(relative.times == [0, 1_250_000_000, 2_000_123_000])
        // Only grabserial's own stamp goes: the kernel's stays in the text.
        #expect(relative.texts[2] == "[    0.000000] Booting Linux on physical CPU 0x0\n")
        #expect(relative.summary.timeBase == .hostElapsed)

        let withDate = try F.run("[2026-11-25 08:51:56.664521 0.000123] a\n[2026-11-25 08:51:57.000000 0.335479] b\n")
        #expect(withDate.detection.format == .grabserial)
        #expect(withDate.times == [0, 335_479_000])
        #expect(withDate.texts == ["a\n", "b\n"])

        let timeOnly = try F.run("[08:51:56.664521] a\n[08:51:56.664600] b\n")
        #expect(timeOnly.detection.format == .grabserial)
        #expect(timeOnly.times == [0, 79_000])
    }

    @Test func tsDefaultFractionalEpochAndSinceStart() throws {
        let plain = try F.run("Nov 25 08:52:00 U-Boot 2016.11\nNov 25 08:52:03 Starting kernel ...\n")
        #expect(plain.detection.format == .ts)
        #expect(plain.texts == ["U-Boot 2016.11\n", "Starting kernel ...\n"])
        #expect(plain.times == [0, 3 * F.second])
        #expect(plain.summary.firstWallClock == nil)
        #expect(plain.summary.warnings.contains { $0.contains("no year") })

        // With the year given, Nov 25 2026 08:52:00 UTC = 1795596720 s (the tio sample's rt=).
        let dated = try F.run("Nov 25 08:52:00 a\n", options: LogImportOptions(yearForStampsWithoutYear: 2026))
        #expect(dated.summary.firstWallClock == 1_795_596_720_000_000_000)
        #expect(dated.summary.timeBase == .hostWallClock)

        // New Year's Eve rolls into the next year, not back to January of the same one.
        let newYear = try F.run("Dec 31 23:59:59.500000 a\nJan  1 00:00:00.250000 b\n")
        #expect(newYear.detection.format == .ts)
        #expect(newYear.times == [0, 750 * F.millisecond])

        let epoch = try F.run("1795596716.664161 seq=0\n1795596716.764161 seq=1\n")
        #expect(epoch.detection.format == .ts)
        #expect(epoch.times == [0, 100 * F.millisecond])
        #expect(epoch.summary.firstWallClock == 1_795_596_716_664_161_000)

        let sinceStart = try F.run("00:00:05 a\n00:00:07 b\n")
        #expect(sinceStart.detection.format == .ts)
        #expect(sinceStart.times == [0, 2 * F.second])

        let monotonic = try F.run("12345.000001 a\n12346.500001 b\n")
        #expect(monotonic.detection.format == .ts)
        #expect(monotonic.times == [0, 1_500_000_000])
        #expect(monotonic.summary.firstWallClock == nil)
    }

    @Test func dmesgKeepsKernelTimesInTextAndHasNoHostTimes() throws {
        let log = """
            [    0.000000] Booting Linux on physical CPU 0x0
            [    0.000000] Linux version 4.14.98-2.0.0_ga+g5d6cbeafb80c (oe-user@oe-host)
            [    1.512345] ------------[ cut here ]------------

            """
        let run = try F.run(log, options: LogImportOptions(consoleName: "a7"))
        #expect(run.detection.format == .dmesg)
        #expect(run.allBytes == Array(log.utf8))
        #expect(run.times == [0, 0, 0])
        #expect(!run.summary.hasHostTimes)
        #expect(run.summary.timeBase == .none)
        #expect(run.summary.warnings.contains { $0.contains("target kernel's times") })
    }

    @Test func dmesgWallClockIsTargetTime() throws {
        let run = try F.run("[Wed Nov 25 08:52:00 2026] imx-rproc: started\n[Wed Nov 25 08:52:02 2026] virtio_rpmsg_bus virtio0: rpmsg host is online\n")
        #expect(run.detection.format == .dmesgWallClock)
        #expect(run.texts == ["imx-rproc: started\n", "virtio_rpmsg_bus virtio0: rpmsg host is online\n"])
        #expect(run.times == [0, 2 * F.second])
        #expect(run.summary.firstWallClock == 1_795_596_720_000_000_000)
        #expect(run.summary.timeBase == .targetWallClock)
        #expect(!run.summary.hasHostTimes)
    }

    @Test func journalctlShortMonotonicLosesHostNameOnly() throws {
        let run = try F.run("""
            [    0.000000] colibri-imx7 kernel: Booting Linux on physical CPU 0x0
            [    2.345678] colibri-imx7 kernel: imx_rpmsg_pingpong virtio0.rpmsg-openamp-demo-channel.-1.1: new channel: 0x400 -> 0x1!

            """)
        #expect(run.detection.format == .journalctl)
        #expect(run.texts == [
            "[    0.000000] Booting Linux on physical CPU 0x0\n",
            "[    2.345678] imx_rpmsg_pingpong virtio0.rpmsg-openamp-demo-channel.-1.1: new channel: 0x400 -> 0x1!\n",
        ])
        #expect(!run.summary.hasHostTimes)
    }

    @Test func plainCaptureIsKeptByteForByte() throws {
        let log = "\r\nU-Boot 2016.11-2.8.6+g1c1b8d2 (Nov 25 2026)\r\n\r\nCPU:   Freescale i.MX7D rev1.2 1000 MHz\r\nModel: Toradex Colibri iMX7D 512MB\r\nDRAM:  512 MiB\r\n## Starting auxiliary core at 0x7F8000 ...\r\n"
        let run = try F.run(log, options: LogImportOptions(consoleName: "a7"))
        #expect(run.detection.format == .plain)
        #expect(run.allBytes == Array(log.utf8))
        #expect(run.chunks.count == 7)
        #expect(run.times.allSatisfy { $0 == 0 })
        #expect(!run.summary.hasHostTimes)
        #expect(run.summary.lineCount == 7)
        #expect(run.summary.consoles.map(\.name) == ["a7"])
    }
}
