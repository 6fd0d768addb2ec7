import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// The kernel pads its stamp to five integer digits, so after about a day of uptime a dmesg line
/// starts `[91017.448375]` with no space: that must stay a kernel time, not pass for tio's epoch stamp.
@Suite struct ImportUnpaddedKernelStampTests {
    typealias F = ImportFixture

    @Test func fiveAndSixDigitKernelStampsAreDmesgNotTioEpoch() throws {
        // From samples/real/beaglebone-pru-request-firmware-einval and am62x-m4f-uart-echo-boot-failed.
        let log = """
            [91017.448351] remoteproc remoteproc1: Direct firmware load for am335x-pru0-fw failed with error -22
            [91017.448375] remoteproc remoteproc1: request_firmware failed: -22
            [514484.643169] remoteproc remoteproc0: Boot failed: -22

            """
        let run = try F.run(log, options: LogImportOptions(consoleName: "a7"))
        #expect(run.detection.format == .dmesg)
        #expect(run.allBytes == Array(log.utf8), "the stamps stay in the text")
        #expect(!run.summary.hasHostTimes)
        #expect(LogFormat.tio.stamp(in: Array("[91017.448375] x".utf8)) == nil)
    }

    @Test func tioEpochStampsStillRead() throws {
        let run = try F.run("[1795596720.403] a\n[1795596720.403158] b\n")
        #expect(run.detection.format == .tio)
        #expect(run.texts == ["a\n", "b\n"])
    }
}
