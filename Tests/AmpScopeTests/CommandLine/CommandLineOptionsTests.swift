import AmpScope
import ArgumentParser
import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import ampscope

@Suite("One command line: output format, line settings, colour, ranges, usage")
struct CommandLineOptionsTests {
    private func parse<T: ParsableCommand>(_ arguments: [String], as: T.Type) throws -> T {
        let parsed = try AmpScopeCommand.parseAsRoot(arguments)
        return try #require(parsed as? T, "parsed as \(type(of: parsed))")
    }

    private func refusal(_ arguments: [String]) -> String {
        do {
            _ = try AmpScopeCommand.parseAsRoot(arguments)
            return "accepted"
        } catch {
            return AmpScopeCommand.fullMessage(for: error)
        }
    }

    // tio's man page (--flow hard|soft|none, --parity odd|even|none|mark|space) and picocom's
    // (--flow x|h|n, --parity o|e|n, first letter taken), stty's crtscts/ixon names.
    @Test(arguments: [
        ("hard", SerialSettings.FlowControl.hardware), ("h", .hardware), ("rtscts", .hardware), ("hardware", .hardware),
        ("soft", .software), ("s", .software), ("x", .software), ("xonxoff", .software), ("software", .software),
        ("none", .none), ("n", .none), ("HARD", .hardware),
    ])
    func flowTakesTheSpellingsOfTioAndPicocom(word: String, expected: SerialSettings.FlowControl) throws {
        let capture = try parse(["capture", "--a7", "/dev/ttyUSB0", "--flow", word], as: CaptureCommand.self)
        #expect(capture.serial.settings.flowControl == expected)
    }

    @Test(arguments: [
        ("n", SerialSettings.Parity.none), ("none", .none), ("e", .even), ("even", .even), ("o", .odd), ("odd", .odd),
        ("mark", .mark), ("m", .mark), ("space", .space), ("s", .space),
    ])
    func parityTakesTheSpellingsOfTioAndPicocom(word: String, expected: SerialSettings.Parity) throws {
        let probe = try parse(["probe", "--a7", "/dev/ttyUSB0", "--parity", word], as: ProbeCommand.self)
        #expect(probe.serial.settings.parity == expected)
    }

    @Test func unknownLineSettingsAreRefusedWithTheValues() {
        let flow = refusal(["capture", "--a7", "/dev/ttyUSB0", "--flow", "sideways"])
        #expect(flow.contains("'sideways' is invalid for '--flow") && flow.contains("'hard'") && flow.contains("'soft'"), "\(flow)")
        let parity = refusal(["capture", "--a7", "/dev/ttyUSB0", "--parity", "q"])
        #expect(parity.contains("'q' is invalid for '--parity") && parity.contains("'mark'"), "\(parity)")
    }

    @Test func baudHasTheShortNameOfTioPicocomAndGrabserial() throws {
        let capture = try parse(["capture", "--a7", "/dev/ttyUSB0", "-b", "1500000"], as: CaptureCommand.self)
        #expect(capture.serial.settings.baud == 1_500_000)
        let probe = try parse(["probe", "--a7", "/dev/ttyUSB0", "-b", "9600"], as: ProbeCommand.self)
        #expect(probe.serial.settings.baud == 9600)
    }

    /// Written either way, a negative number reaches the range check (it was read as an option).
    @Test(arguments: [
        (["capture", "--a7", "/dev/ttyUSB0"], "--duration", "-5", "--duration -5 is out of range: give a number of seconds greater than 0"),
        (["capture", "--a7", "/dev/ttyUSB0"], "--duration", "0", "--duration 0 is out of range: give a number of seconds greater than 0"),
        (["capture", "--a7", "/dev/ttyUSB0"], "--idle", "-1", "--idle -1 is out of range: give a number of seconds greater than 0"),
        (["capture", "--a7", "/dev/ttyUSB0", "--probe"], "--probe-timeout", "0", "--probe-timeout 0 is out of range: give a number of seconds greater than 0"),
        (["capture", "--a7", "/dev/ttyUSB0"], "--baud", "-9600", "--baud -9600 is out of range: give 1 to 4294967295"),
        (["probe", "--a7", "/dev/ttyUSB0"], "--timeout", "-30", "--timeout -30 is out of range: give a number of seconds greater than 0"),
        (["replay", "x.board"], "--hold", "-1", "--hold -1 is out of range: give 0 or more seconds"),
        (["replay", "x.board"], "--open-timeout", "-2.5", "--open-timeout -2.5 is out of range: give a number of seconds greater than 0"),
        (["replay", "x.board"], "--speed", "-1", "--speed -1 is out of range: give 0 (as fast as possible) or a factor greater than 0"),
        (["demo"], "--speed", "0", "--speed 0 is out of range: give a factor greater than 0 and at most 100"),
        (["analyze", "a7.log"], "--width", "-80", "--width -80 is out of range: give 40 or more columns"),
        (["timeline", "a7.log"], "--year", "-1", "--year -1 is out of range: give a year from 1970 to 9999"),
    ])
    func outOfRangeNumbersAreRefusedWithTheRange(command: [String], option: String, value: String, expected: String) {
        for arguments in [command + [option, value], command + ["\(option)=\(value)"]] {
            let message = refusal(arguments)
            #expect(message.contains(expected), "ampscope \(arguments.joined(separator: " ")): \(message)")
            #expect(message.contains("See 'ampscope \(command[0]) --help'"), "its own usage: \(message)")
        }
    }

    @Test func everySubcommandsErrorsShowItsOwnUsage() {
        for entry in CommandEntry.all() where entry.path.count > 1 && entry.isLeaf {
            let arguments = Array(entry.path.dropFirst()) + ["--no-such-option"]
            let message = refusal(arguments)
            #expect(message.contains("See '\(entry.name) --help'"), "\(arguments): \(message)")
            #expect(!message.contains("ampscope <subcommand>"), "\(arguments) shows the top-level usage: \(message)")
        }
    }

    /// replay's unreadable source was thrown as a command-line error from run(), which the parser
    /// can only attach the top-level usage to.
    @Test func replayOfAMissingSourceSaysWhatIsMissingWithoutTheTopLevelUsage() throws {
        var replay = try AmpScopeCommand.parseAsRoot(["replay", "/nonexistent/clk-gating.board"])
        #expect(throws: (any Error).self) { try replay.run() }
        do { try replay.run() } catch {
            let message = AmpScopeCommand.fullMessage(for: error)
            #expect(message.contains("/nonexistent/clk-gating.board"), "\(message)")
            #expect(!message.contains("ampscope <subcommand>"), "\(message)")
            #expect(AmpScopeCommand.exitCode(for: error).rawValue == 1)
        }
    }

    @Test func formatIsTheOutputAndInputFormatTheLogsEverywhere() throws {
        let timeline = try parse(["timeline", "a7.log", "--format", "json", "--input-format", "tio"], as: TimelineCommand.self)
        #expect(timeline.format == .json && timeline.inputs.logFormat == .tio)
        let analyze = try parse(["analyze", "a7.log", "--format", "json", "--input-format", "grabserial"], as: AnalyzeCommand.self)
        #expect(analyze.format == .json && analyze.inputs.logFormat == .grabserial)
        let report = try parse(["report", "a7.log", "--input-format", "dmesg"], as: ReportCommand.self)
        #expect(report.inputs.logFormat == .dmesg)
        let ports = try parse(["ports", "--format", "json"], as: PortsCommand.self)
        #expect(ports.format == .json)
        let export = try parse(["export", "s", "--console", "m4", "--format", "raw"], as: ExportCommand.self)
        #expect(export.format == .raw)
    }

    @Test func oldSpellingsStillWorkButAreHiddenFromHelp() throws {
        let timeline = try parse(["timeline", "a7.log", "--json", "--format", "tio"], as: TimelineCommand.self)
        #expect(timeline.json && timeline.format == .legacyLogFormat(.tio))
        let analyze = try parse(["analyze", "a7.log", "--log-format", "tio"], as: AnalyzeCommand.self)
        #expect(analyze.inputs.logFormat == .tio)
        let ports = try parse(["ports", "--json"], as: PortsCommand.self)
        #expect(ports.json)
        let export = try parse(["export", "s", "--console", "m4", "--raw"], as: ExportCommand.self)
        #expect(export.mode == .raw)
        let capture = try parse(["capture", "--a7", "/dev/ttyUSB0", "--no-color", "--flow", "hardware"], as: CaptureCommand.self)
        #expect(!capture.color.useColor && capture.serial.settings.flowControl == .hardware)
        for (command, old) in [(TimelineCommand.self as ParsableCommand.Type, "--json"), (PortsCommand.self, "--json"),
                               (ExportCommand.self, "--raw"), (AnalyzeCommand.self, "--log-format"), (CaptureCommand.self, "--no-color"),
                               (DemoCommand.self, "--no-color")] {
            #expect(!AmpScopeCommand.helpMessage(for: command, columns: 200).contains(old), "\(command) shows \(old)")
        }
        #expect(refusal(["export", "s", "--console", "m4", "--raw", "--format", "text"]).contains("contradict"))
    }

    @Test func colorIsOfferedOnEveryCommandThatPrintsColour() {
        for command in [CaptureCommand.self as ParsableCommand.Type, DemoCommand.self, TimelineCommand.self, ProbeCommand.self] {
            let help = AmpScopeCommand.helpMessage(for: command, columns: 200)
            #expect(help.contains("--color <when>") && help.contains("values: auto, always, never"), "\(command): \(help)")
        }
    }

    @Test func colourChoiceFollowsTheTerminalOnlyWhenAuto() {
        #expect(ColorChoice.auto.resolved(colorAllowed: true))
        #expect(!ColorChoice.auto.resolved(colorAllowed: false))
        #expect(ColorChoice.always.resolved(colorAllowed: false))
        #expect(!ColorChoice.never.resolved(colorAllowed: true))
    }
}

@Suite("--color as the user runs it")
struct ColorOptionRunTests {
    /// ToolProcess sets NO_COLOR and reads stdout through a pipe: auto and never print no colour,
    /// always does (a command-line choice outranks NO_COLOR, as no-color.org allows).
    @Test func alwaysColoursThroughAPipeAndAutoHonoursNoColor() throws {
        let log = RepositoryPaths.path("samples/real/am62x-dm-r5f-attach-healthy/a-core.log")
        let escape = "\u{1B}["
        let always = try ToolProcess.run(["timeline", log, "--color", "always"])
        #expect(always.status == 0 && always.stdout.contains(escape), "stderr: \(always.stderr)")
        for choice in [["--color", "auto"], ["--color", "never"], ["--no-color"], []] {
            let plain = try ToolProcess.run(["timeline", log] + choice)
            #expect(plain.status == 0 && !plain.stdout.contains(escape), "\(choice): stderr: \(plain.stderr)")
        }
    }
}
