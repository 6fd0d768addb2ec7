import AmpScope
import Foundation
import Testing

/// The bundled demo (samples/demo/colibri-imx7-clock-gating.board) as `ampscope demo` records it:
/// the M4 stops when the A7 prints `clk: Disabling unused clocks`, compiled into a real session
/// directory, analysed and diagnosed by the real pipeline. The capture goes on after the login
/// prompt, as a live demo does, with a user looking at the network (a MAC and IPs to redact),
/// so the M4's silence lasts past the 3 s the halt rule waits for.
struct DemoReportInput {
    let directory: String
    let input: ReportInput

    init(_ label: String, adapterSerial: String? = nil) throws {
        let session = """
            10.8000 a7 root@colibri-imx7:~# ip addr show eth0
            10.9000 a7     link/ether 00:14:2d:4e:5f:60 brd ff:ff:ff:ff:ff:ff
            10.9100 a7     inet 192.168.10.42/24 brd 192.168.10.255 scope global eth0
            10.9200 a7     inet6 fe80::214:2dff:fe4e:5f60/64 scope link

            """
        var script = try BoardScript.parse(DemoBoard.script + (DemoBoard.script.hasSuffix("\n") ? "" : "\n") + session, fileName: DemoBoard.fileName)
        let m4 = try #require(script.consoles.firstIndex { $0.name == "m4" })
        let gating = try #require(script.outputs.first { String(decoding: $0.bytes, as: UTF8.self).contains("clk: Disabling unused clocks") })
        script.outputs.removeAll { $0.console == m4 && $0.time > gating.time }
        directory = temporaryDirectory(label)
        try script.compile(to: directory)
        let timeline = try TimelineAnalyzer.run(.session(directory: directory), classifier: try Classifier())
        let diagnoses = try Diagnoser.builtin().diagnose(timeline)
        var input = ReportInput(timeline: timeline, diagnoses: diagnoses, header: try SessionReader(directory: directory).header)
        if let adapterSerial {
            input.consoles[0].port = "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_\(adapterSerial)-if00-port0"
            input.consoles[0].adapter = "0403:6001 FTDI FT232R USB UART serial \(adapterSerial)"
            input.consoles[0].adapterSerial = adapterSerial
            input.consoles[0].latencyTimerMilliseconds = 16
        }
        self.input = input
    }

    func document(redact: Bool = true) throws -> ReportDocument {
        try ReportDocument.build(input, excerpts: InputExcerptSource(.session(directory: directory)), redact: redact)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
