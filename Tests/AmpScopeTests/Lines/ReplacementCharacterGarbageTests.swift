import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A wrong-baud line copied from a terminal, a browser or a forum arrives as U+FFFD characters
/// (valid UTF-8 that stands for bytes some tool could not decode): it scores as garbage, yet the
/// file is text, not binary. The line is samples/real/imx7d-custom-m4-uart3-garbage-under-linux's.
@Suite struct ReplacementCharacterGarbageTests {
    static let garbled = "\u{FFFD}\u{FFFD}\u{FFFD}?\u{FFFD}\u{FFFD}q\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}0\u{FFFD}\u{FFFD}3\u{FFFD}9\u{FFFD}8\u{FFFD}hN"

    @Test func aLineOfReplacementCharactersScoresAsGarbage() {
        let analysis = LineAnalysis(of: Array(Self.garbled.utf8))
        #expect(analysis.garbageScore >= LaneBuilder.garbageThreshold, "score \(analysis.garbageScore)")
        #expect(analysis.replacementCharacterBytes == 3 * Self.garbled.unicodeScalars.count { $0 == "\u{FFFD}" })
        // Other multi-byte text stays clean.
        #expect(LineAnalysis(of: Array("RPMSG String Echo Demo… 25 °C".utf8)).garbageScore == 0)
    }

    @Test func aTextLogEndingInReplacementCharactersIsReadAsPlainText() throws {
        let log = "RPMSG Echo FreeRTOS RTOS API Demo...\nRPMSG Init as Remote\n\(Self.garbled)\n"
        let run = try ImportFixture.run(log)
        #expect(run.detection.format == .plain)
        #expect(run.texts.count == 3)
    }
}
