import AmpScope
import ArgumentParser

@main
struct AmpScopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ampscope",
        abstract: "Capture, time-align and diagnose the consoles of an AMP board (Cortex-A + Cortex-M).",
        version: AmpScopeVersion.string,
        subcommands: [
            PortsCommand.self, CaptureCommand.self, TimelineCommand.self, AnalyzeCommand.self, ReportCommand.self, ExportCommand.self, ReplayCommand.self,
            DemoCommand.self, RulesCommand.self, ProbeCommand.self, BoardsCommand.self,
        ]
    )
}
