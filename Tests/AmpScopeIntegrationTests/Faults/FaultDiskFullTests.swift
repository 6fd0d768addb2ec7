import AmpScope
import Foundation
import Glibc
import Testing
@testable import AmpScopeTestSupport

/// Fault benchmark (issue 17): the disk fills while two consoles stream at 1 MB/s each into a
/// capture on a 4 MB tmpfs. The capture must stop with an error that says so, and every byte it
/// saved must be readable and be the start of what the board printed.
@Suite(.serialized) struct FaultDiskFullTests {
    @Test func aDiskFillingUnderTwoStreamingConsolesStopsClearlyAndKeepsWhatWasSaved() throws {
        try #require(getuid() == 0, "this test mounts a small tmpfs and must run as root")
        let mountPoint = temporaryDirectory("fault-diskfull")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mounted = try ToolProcess.runCommand(["/bin/mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint])
        try #require(mounted.status == 0, "mount tmpfs failed: \(mounted.stderr)")
        defer { _ = try? ToolProcess.runCommand(["/bin/umount", mountPoint]) }

        let a7 = try TestPTY()
        let m4 = try TestPTY()
        let directory = mountPoint + "/session"
        let started = monotonicNow()
        let capture = try ToolProcess(["capture", "--a7", a7.slavePath, "--m4", m4.slavePath, "-o", directory, "--quiet", "--no-findings"])
        try a7.waitUntilOpened()
        try m4.waitUntilOpened()
        let printers = [BoardPrinter(a7.master, label: "a7", bytesPerSecond: 1_000_000), BoardPrinter(m4.master, label: "m4", bytesPerSecond: 1_000_000)]
        printers.forEach { $0.start() }
        let status = try capture.wait()
        let seconds = Double(monotonicNow() - started) / 1e9
        let printed = try printers.map { try $0.finish().accepted }

        #expect(status == 1)
        #expect(capture.standardError.contains("disk full"), "\(capture.standardError)")
        #expect(capture.standardError.contains("everything written before this point is intact"), "\(capture.standardError)")
        let reader = try SessionReader(directory: directory)
        let records = Array(reader)
        #expect(reader.damage.isEmpty, "the saved session reads back whole: \(reader.damage)")
        var kept: [Int] = []
        for (index, name) in ["a7", "m4"].enumerated() {
            let saved = DevicesHotplugCaptureTests.bytes(records, console: UInt16(index))
            #expect(saved.count > 100_000, "\(name) saved \(saved.count) bytes")
            #expect(Array(printed[index].prefix(saved.count)) == saved, "\(name): what was saved is exactly the start of what was printed")
            kept.append(saved.count)
        }
        let sessionSize = (try? FileManager.default.attributesOfItem(atPath: directory + "/session.amps")[.size] as? Int) ?? 0
        let firstLine = capture.standardError.split(separator: "\n").first { $0.contains("disk full") }.map(String.init) ?? ""
        reportFigure("disk-full", "4 MB tmpfs, two consoles at 1 MB/s: stopped after \(String(format: "%.2f", seconds)) s with exit \(status); "
            + "session.amps \(sessionSize) bytes; kept a7 \(kept[0]) of \(printed[0].count) printed, m4 \(kept[1]) of \(printed[1].count); "
            + "every kept byte readable and in order")
        reportFigure("disk-full", "message: \(firstLine)")
    }
}
