import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

@Suite struct DemoTests {
    @Test func bundledBoardIsTheSampleFileVerbatim() throws {
        let sample = RepositoryPaths.root.appendingPathComponent("samples/demo/\(DemoBoard.fileName)")
        let text = try String(contentsOf: sample, encoding: .utf8)
        #expect(DemoBoard.script + "\n" == text, "regenerate Sources/AmpScope/Simulator/DemoBoard.swift from \(sample.path)")
    }

    /// The README's first command, end to end: simulated board → PTYs → live capture → session.
    @Test(.timeLimit(.minutes(15))) func demoCapturesTheSimulatedBoardWithTheM4HaltedAtClockGating() throws {
        let directory = temporaryDirectory("demo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let demo = try ToolProcess.run(["demo", "--speed", "4", "-o", directory])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("a7 │ U-Boot 2016.11"))
        #expect(demo.stdout.contains("m4 │ RPMSG String Echo FreeRTOS RTOS API Demo..."))
        #expect(demo.stderr.contains("session in \(directory)"))

        let a7 = try ToolProcess.run(["export", directory, "--console", "a7", "--format", "text"]).stdout
        let m4 = try ToolProcess.run(["export", directory, "--console", "m4", "--format", "text"]).stdout
        #expect(a7.contains("colibri-imx7 login:"))
        // The injected fault: the M4's heartbeat ends at Linux's clock gating. The board script has
        // heartbeats up to number 31; at 4x, clock gating comes after heartbeat 16.
        #expect(m4.contains("heartbeat 16"))
        #expect(!m4.contains("heartbeat 17"))
        #expect(a7.contains("clk: Disabling unused clocks"))

        // The finding shows live, between the console lines, before the capture's summary…
        let live = try #require(demo.stdout.range(of: "!! ERROR m4-halted-at-clock-gating (boot 1"))
        let hangup = try #require(demo.stdout.range(of: "hung up"))
        #expect(live.lowerBound < hangup.lowerBound, "the finding fired only after the board went away")
        #expect(demo.stderr.contains("findings in 1 boot: 1 error, 1 info — m4-halted-at-clock-gating (boot 1), fdt-overlaps-m4-memory (boot 1)"))
        // …then the analysis with evidence and fix, and the report beside the session.
        let analysis = try #require(demo.stdout.range(of: "ERROR m4-halted-at-clock-gating: The M-core stopped when Linux gated unused clocks"))
        #expect(live.upperBound < analysis.lowerBound)
        #expect(demo.stdout.contains("fix: Linux disabled a clock only the M-core uses"))
        let report = directory + "-report"
        defer { try? FileManager.default.removeItem(atPath: report) }
        #expect(demo.stdout.contains("report: FAILED: 1 error, 1 note in 1 of 1 boot"), "\(demo.stdout.suffix(800))")
        let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
        #expect(markdown.contains("m4-halted-at-clock-gating"))
        #expect(FileManager.default.fileExists(atPath: report + "/report.html"))
        #expect(FileManager.default.fileExists(atPath: report + "/report.json"))
    }

    static func seconds(_ line: Substring) -> Double {
        let stamp = line.dropFirst(2).prefix { $0 != "]" }
        return Double(stamp.trimmingCharacters(in: .whitespaces)) ?? -1
    }
}
