import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Writes a real session (SessionWriter) line by line at chosen host times, for timeline tests.
struct TimelineSessionScript {
    static let anchor: UInt64 = 7_000_000_000_000
    var consoles: [ConsoleDescriptor] = [
        ConsoleDescriptor(id: 0, name: "a7", kind: .application, port: "/dev/ttyUSB0", settings: SerialSettings(baud: 115_200)),
        ConsoleDescriptor(id: 1, name: "m4", kind: .microcontroller, port: "/dev/ttyUSB1", settings: SerialSettings(baud: 115_200)),
    ]
    var records: [SessionRecord] = []
    private var sequence: UInt64 = 0

    /// A line on `console` whose bytes arrived at `seconds` after the session anchor.
    mutating func line(_ console: UInt16, _ text: String, at seconds: Double) {
        records.append(.chunk(Chunk(console: console, sequence: sequence, time: Self.time(seconds), bytes: Array((text + "\r\n").utf8))))
        sequence += 1
    }

    mutating func line(_ console: UInt16, _ text: String, atNanoseconds nanoseconds: UInt64) {
        records.append(.chunk(Chunk(console: console, sequence: sequence, time: Self.anchor + nanoseconds, bytes: Array((text + "\r\n").utf8))))
        sequence += 1
    }

    mutating func control(_ kind: ControlRecord.Kind, console: UInt16?, at seconds: Double, bytes: [UInt8]? = nil, detail: String? = nil) {
        records.append(.control(ControlRecord(kind: kind, console: console, sequence: sequence, time: Self.time(seconds), detail: detail, bytes: bytes, source: "keyboard")))
        sequence += 1
    }

    static func time(_ seconds: Double) -> UInt64 { anchor + UInt64((seconds * 1e9).rounded()) }

    /// Writes the session and returns its directory (removed by the caller).
    func write(_ label: String) throws -> String {
        let directory = temporaryDirectory(label)
        let header = SessionHeader(
            toolVersion: "test", host: "test", monotonicAnchor: Self.anchor, wallClockNanoseconds: 1_800_000_000_000_000_000,
            consoles: consoles, commandLine: ["test"])
        let writer = try SessionWriter(directory: directory, header: header)
        for record in records { writer.append(record) }
        try writer.close()
        return directory
    }

    func analyze(_ label: String) throws -> Timeline {
        let directory = try write(label)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
    }
}

@Suite struct TimelineSegmentationTests {
    /// One U-Boot + kernel boot starting at `start` seconds.
    static func boot(_ script: inout TimelineSessionScript, at start: Double) {
        script.line(0, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)", at: start)
        script.line(0, "DRAM:  512 MiB", at: start + 0.2)
        script.line(0, "Starting kernel ...", at: start + 3.3)
        script.line(0, "[    0.000000] Booting Linux on physical CPU 0x0", at: start + 3.9)
        script.line(0, "[    2.343055] Run /sbin/init as init process", at: start + 6.25)
    }

    @Test func threeUBootBannersMakeThreeBoots() throws {
        var script = TimelineSessionScript()
        for start in [0.0, 20.0, 40.0] { Self.boot(&script, at: start) }
        let timeline = try script.analyze("tl-three")
        #expect(timeline.boots.map(\.boundary) == [.inputStart, .bootloaderBanner, .bootloaderBanner])
        #expect(timeline.boots.map(\.index) == [1, 2, 3])
        for boot in timeline.boots {
            #expect(boot.lanes[0].lineCount == 5)
            #expect(boot.lanes[0].phases.map(\.phase) == [.bootloader, .kernel, .userspace])
            #expect(boot.lanes[0].firstLine?.text.hasPrefix("U-Boot 2016.11") == true)
        }
        // Each boot's axis starts at its banner: 20 s and 40 s after the first.
        #expect(timeline.boots.map(\.hostStart) == [TimelineSessionScript.time(0), TimelineSessionScript.time(20), TimelineSessionScript.time(40)])
        #expect(timeline.boots.map(\.facts.endsWithInput) == [false, false, true])
        // m4 printed nothing: said so.
        #expect(timeline.warnings.contains { $0.hasPrefix("m4 printed no lines") })
    }

    @Test func kernelRestartWithoutBannerStartsABoot() throws {
        var script = TimelineSessionScript()
        Self.boot(&script, at: 0)
        script.line(0, "[    5.100000] systemd[1]: Reached target Reboot.", at: 9)
        script.line(0, "[    0.000000] Booting Linux on physical CPU 0x0", at: 12)
        script.line(0, "[    0.423224] printk: console [ttymxc0] enabled", at: 12.4)
        let timeline = try script.analyze("tl-restart")
        #expect(timeline.boots.map(\.boundary) == [.inputStart, .kernelRestart])
        #expect(timeline.boots[1].lanes[0].lineCount == 2)
        #expect(timeline.boots[1].lanes[0].phases.map(\.phase) == [.kernel])
    }

    @Test func splBannerFollowedByUBootBannerIsOneBoot() throws {
        var script = TimelineSessionScript()
        Self.boot(&script, at: 0)
        script.line(0, "U-Boot SPL 2018.03 (Jan 01 2020 - 00:00:00 +0000)", at: 20)
        script.line(0, "U-Boot 2018.03 (Jan 01 2020 - 00:00:00 +0000)", at: 20.5)
        script.line(0, "Starting kernel ...", at: 23)
        script.line(0, "[    0.000000] Booting Linux on physical CPU 0x0", at: 23.5)
        let timeline = try script.analyze("tl-spl")
        #expect(timeline.boots.count == 2)
        #expect(timeline.boots[1].boundary == .bootloaderBanner)
        #expect(timeline.boots[1].lanes[0].phases.map(\.phase) == [.spl, .bootloader, .kernel])
        // The SPL phase ends where U-Boot proper starts, half a second later.
        let phases = timeline.boots[1].lanes[0].phases
        #expect(phases[0].start.time == 0)
        #expect(phases[0].end?.time == 500_000_000)
    }

    /// A boot whose M4 is started by bootaux, prints a banner, then is restarted.
    static func mcoreRestart(explained: Bool) -> TimelineSessionScript {
        var script = TimelineSessionScript()
        script.line(0, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)", at: 0)
        script.line(0, "## Starting auxiliary core at 0x1FFF8311 ...", at: 1.9)
        script.line(1, "RPMSG String Echo FreeRTOS RTOS API Demo...", at: 1.901)
        script.line(0, "Starting kernel ...", at: 3.3)
        script.line(0, "[    0.000000] Booting Linux on physical CPU 0x0", at: 3.9)
        if explained {
            script.line(0, "[   20.100000] remoteproc remoteproc0: powering up imx-rproc", at: 24)
        } else {
            script.line(0, "[   20.100000] systemd[1]: Started Getty on tty1.", at: 24)
        }
        script.line(1, "RPMSG String Echo FreeRTOS RTOS API Demo...", at: 24.1)
        script.line(1, "RPMSG Init as Remote", at: 24.2)
        return script
    }

    @Test func secondMcoreBannerExplainedByRemoteprocStaysInTheBoot() throws {
        let timeline = try Self.mcoreRestart(explained: true).analyze("tl-rproc")
        #expect(timeline.boots.count == 1)
        #expect(timeline.boots[0].facts.microcontrollerBanners == 2)
        #expect(timeline.boots[0].lanes[1].lineCount == 3)
    }

    @Test func unexplainedSecondMcoreBannerStartsABoot() throws {
        let timeline = try Self.mcoreRestart(explained: false).analyze("tl-m4reset")
        #expect(timeline.boots.map(\.boundary) == [.inputStart, .microcontrollerBanner])
        #expect(timeline.boots.map(\.facts.microcontrollerBanners) == [1, 1])
        #expect(timeline.boots[1].lanes[1].lineCount == 2)
        #expect(timeline.boots[1].lanes[0].lineCount == 0)
        // The new boot starts at the M4's banner, 24.1 s into the session.
        #expect(timeline.boots[1].hostStart == TimelineSessionScript.time(24.1))
    }

    @Test func typedModprobeBecomesAKeyEventOnTheA7Lane() throws {
        var script = TimelineSessionScript()
        Self.boot(&script, at: 0)
        script.line(0, "colibri-imx7 login: root", at: 9)
        script.control(.input, console: 0, at: 12, bytes: Array("modprobe imx_rpm".utf8))
        script.control(.input, console: 0, at: 12.5, bytes: Array("sg_pingpong\r".utf8))
        script.line(0, "modprobe imx_rpmsg_pingpong", at: 12.501)
        script.control(.marker, console: nil, at: 13, detail: "power-cycled now")
        let timeline = try script.analyze("tl-typed")
        let events = timeline.boots[0].lanes[0].events
        let typed = try #require(events.first { $0.event.name == "user-typed" })
        #expect(typed.event.text == "modprobe imx_rpmsg_pingpong")
        #expect(typed.event.isKey)
        #expect(typed.event.console == 0)
        // Placed when its first byte was typed, 12 s after the banner.
        #expect(typed.placement.time == 12_000_000_000)
        #expect(typed.placement.source == .host)
        #expect(timeline.boots[0].keyEvents.contains { $0.event.name == "user-typed" })
        #expect(events.contains { $0.event.name == "user-marker" && $0.event.text == "power-cycled now" })
    }

    @Test func gapsBecomeWarningsAndEvents() throws {
        var script = TimelineSessionScript()
        Self.boot(&script, at: 0)
        script.records.append(.control(ControlRecord(
            kind: .gap, console: 1, sequence: 99, time: TimelineSessionScript.time(8), detail: "adapter unplugged",
            gapStart: TimelineSessionScript.time(6.5))))
        let timeline = try script.analyze("tl-gap")
        let gap = try #require(timeline.boots[0].lanes[1].events.first)
        #expect(gap.event.name == "console-gap")
        #expect(gap.event.severity == .warning)
        #expect(gap.placement.time == 6_500_000_000)
        #expect(timeline.warnings.contains { $0.hasPrefix("m4: no bytes could be received for 1.5 s: adapter unplugged") })
    }

    @Test func repeatedEventsAreCappedToTheFirstAndLastTen() throws {
        var script = TimelineSessionScript()
        Self.boot(&script, at: 0)
        script.line(1, "RPMSG String Echo FreeRTOS RTOS API Demo...", at: 7)
        for index in 1...50 { script.line(1, "Get Message From A7 : \"hello \(index)\" [len : 7]", at: 7 + Double(index) * 0.01) }
        let timeline = try script.analyze("tl-cap")
        let lane = timeline.boots[0].lanes[1]
        let messages = lane.events.filter { $0.event.name == "rpmsg-message" }
        #expect(messages.count == 20)
        #expect(lane.omittedEvents == 30)
        #expect(messages.prefix(10).map(\.event.text.description).last?.contains("hello 10\"") == true)
        #expect(messages.suffix(10).first?.event.text.contains("hello 41\"") == true)
        #expect(lane.lineCount == 51)
        #expect(lane.lastLine?.text.contains("hello 50\"") == true)
        #expect(lane.phases.map(\.phase) == [.started, .running, .exchanging])
    }
}
