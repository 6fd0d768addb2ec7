@testable import AmpScope
@testable import AmpScopeTestSupport

/// Hand-made boots for the renderer and JSON tests, shaped like a Colibri iMX7 capture: every
/// time and text below is written out here, not produced by the code under test.
enum TimelineRenderTestFixtures {
    static let consoles = [
        TimelineConsole(id: 0, name: "a7", kind: .application),
        TimelineConsole(id: 1, name: "m4", kind: .microcontroller),
    ]

    static let ms: Int64 = 1_000_000

    static func placement(_ milliseconds: Int64?, _ source: PlacementSource = .host, uncertainty: Int64 = 0) -> TimelinePlacement {
        guard let milliseconds else { return .orderOnly }
        return TimelinePlacement(time: milliseconds * ms, uncertainty: uncertainty, source: source)
    }

    static func event(
        _ console: UInt16, line: Int, _ placement: TimelinePlacement, _ id: String, _ text: String,
        severity: EventSeverity = .info, phase: BootPhase? = nil, isKey: Bool = true, kernelTime: Int64? = nil
    ) -> TimelineEvent {
        let raw = Event(
            definitionID: id, name: id, severity: severity, phase: phase, isKey: isKey, console: console, lineNumber: line,
            byteOffset: UInt64(line * 40), firstByteTime: 0, endTime: 0, targetTime: kernelTime, fields: [:], text: text)
        return TimelineEvent(event: TimelineEventRecord(raw), placement: placement)
    }

    static func reference(_ event: TimelineEvent) -> LineReference {
        LineReference(console: event.event.console, lineNumber: event.event.lineNumber, byteOffset: event.event.byteOffset,
                      placement: event.placement, text: event.event.text)
    }

    static func span(_ phase: BootPhase, from start: TimelineEvent, to end: TimelineEvent?) -> PhaseSpan {
        PhaseSpan(phase: phase, start: start.placement, end: end?.placement, evidence: reference(start))
    }

    /// U-Boot → kernel → userspace on the A7 (host times, kernel lines through the kernel clock),
    /// the M4 started by bootaux, running, then halted by a HardFault 5.2 s in.
    static func threePhaseBoot(index: Int = 1) -> BootTimeline {
        let kernelUncertainty = 1_200_000 as Int64
        let uboot = event(0, line: 1, placement(0), "uboot.banner", "U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)", phase: .bootloader)
        let bootaux = event(0, line: 14, placement(1_200), "uboot.bootaux-start", "## Starting auxiliary core at 0x1FFF80BD ...")
        let starting = event(0, line: 22, placement(2_850), "uboot.starting-kernel", "Starting kernel ...")
        let booting = event(0, line: 24, placement(2_900, .kernelClock, uncertainty: kernelUncertainty), "linux.booting",
                            "[    0.000000] Booting Linux on physical CPU 0x0", phase: .kernel, kernelTime: 0)
        let clocks = event(0, line: 310, placement(4_958, .kernelClock, uncertainty: kernelUncertainty), "linux.clk-disabling-unused",
                           "[    2.058000] clk: Disabling unused clocks", severity: .notice, kernelTime: 2_058_000)
        let initEvent = event(0, line: 402, placement(6_100, .kernelClock, uncertainty: kernelUncertainty), "linux.run-init",
                              "[    3.200000] Run /sbin/init as init process", phase: .userspace, kernelTime: 3_200_000)
        let banner = event(1, line: 1, placement(1_210), "mcore.freertos-bsp-banner", "RPMSG String Echo FreeRTOS RTOS API Demo...", phase: .started)
        let waiting = event(1, line: 2, placement(1_260), "mcore.link-waiting", "RPMSG Init as Remote")
        let fault = event(1, line: 3, placement(5_200), "mcore.hardfault", "HardFault_Handler: CFSR 0x00008200", severity: .fatal, phase: .halted)
        let a7 = ConsoleLane(
            console: 0,
            phases: [span(.bootloader, from: uboot, to: booting), span(.kernel, from: booting, to: initEvent), span(.userspace, from: initEvent, to: nil)],
            events: [uboot, bootaux, starting, booting, clocks, initEvent], lineCount: 480, byteCount: 30_000,
            firstLine: reference(uboot), lastLine: LineReference(console: 0, lineNumber: 480, byteOffset: 29_960, placement: placement(8_412), text: "colibri-imx7 login:"))
        let m4 = ConsoleLane(
            console: 1,
            phases: [span(.started, from: banner, to: waiting), span(.running, from: waiting, to: fault), span(.halted, from: fault, to: nil)],
            events: [banner, waiting, fault], lineCount: 3, byteCount: 120, firstLine: reference(banner), lastLine: reference(fault))
        return BootTimeline(
            index: index, boundary: .bootloaderBanner, hostStart: 5_000_000_000, wallClockStart: 1_795_596_720_000_000_000,
            duration: 8_412 * ms, lanes: [a7, m4],
            alignment: ConsoleAlignment(method: .hostClock, uncertainty: 1 * ms, statement: "both consoles on one host clock (ampscope session), ± 1 ms"),
            kernelClock: KernelClockModel(offset: 2_900 * ms, errorBound: kernelUncertainty, driftPPM: 12, samples: 212, lateSamples: 31, method: .minimumDelay),
            facts: BootFacts(microcontrollerBanners: 1, endsWithInput: true, lineCount: 483, garbageLineCount: 0))
    }

    /// Plain logs without any times: only the order of lines is known.
    static func orderOnlyBoot() -> BootTimeline {
        let uboot = event(0, line: 1, .orderOnly, "uboot.banner", "U-Boot 2020.07", phase: .bootloader)
        let booting = event(0, line: 40, .orderOnly, "linux.booting", "Booting Linux on physical CPU 0x0", phase: .kernel)
        let clocks = event(0, line: 200, .orderOnly, "linux.clk-disabling-unused", "clk: Disabling unused clocks")
        let login = event(0, line: 390, .orderOnly, "linux.login-prompt", "colibri-imx7 login:", phase: .login)
        let banner = event(1, line: 1, .orderOnly, "mcore.freertos-bsp-banner", "RPMSG Ping-Pong FreeRTOS RTOS API Demo...", phase: .started)
        let a7 = ConsoleLane(
            console: 0, phases: [span(.bootloader, from: uboot, to: booting), span(.kernel, from: booting, to: login), span(.login, from: login, to: nil)],
            events: [uboot, booting, clocks, login], lineCount: 390, firstLine: reference(uboot), lastLine: reference(login))
        let m4 = ConsoleLane(console: 1, phases: [span(.started, from: banner, to: nil)], events: [banner], lineCount: 7,
                             firstLine: reference(banner), lastLine: LineReference(console: 1, lineNumber: 7, byteOffset: 200, placement: .orderOnly, text: "Waiting for ping..."))
        return BootTimeline(
            index: 1, boundary: .inputStart, hostStart: nil, wallClockStart: nil, duration: nil, lanes: [a7, m4],
            alignment: ConsoleAlignment(method: .none, statement: "no common clock and no anchor pair: consoles side by side, not aligned"),
            kernelClock: nil, facts: BootFacts(lineCount: 397))
    }

    /// 30 key events on the A7 within 60 ms of a 10 s boot, plus one far away: they must merge.
    static func collidingBoot() -> BootTimeline {
        var events = (0..<30).map { index in
            event(0, line: 10 + index, placement(3_000 + Int64(index) * 2), "linux.probe", "[    0.1\(index)] probe \(index)")
        }
        events.append(event(0, line: 100, placement(9_000), "linux.login-prompt", "login:", phase: .login))
        events[5].event.severity = .error
        let start = event(0, line: 1, placement(0), "linux.booting", "Booting Linux", phase: .kernel)
        let lane = ConsoleLane(console: 0, phases: [span(.kernel, from: start, to: events[30]), span(.login, from: events[30], to: nil)],
                               events: [start] + events, omittedEvents: 1_204, lineCount: 100)
        return BootTimeline(
            index: 1, boundary: .kernelRestart, hostStart: 0, wallClockStart: nil, duration: 10_000 * ms, lanes: [lane],
            alignment: ConsoleAlignment(method: .none, statement: "one console"), kernelClock: nil, facts: BootFacts(lineCount: 100))
    }

    static func timeline(_ boots: [BootTimeline], warnings: [String] = []) -> Timeline {
        Timeline(consoles: consoles,
                 inputs: [TimelineInput(path: "colibri-boot1", format: "session", consoles: [0, 1], timeBase: "host-monotonic")],
                 boots: boots, warnings: warnings)
    }
}
