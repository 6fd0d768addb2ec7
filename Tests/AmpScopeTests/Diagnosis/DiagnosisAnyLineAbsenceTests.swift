import Foundation
import Testing
@testable import AmpScopeTestSupport
@testable import AmpScope

/// An `absent` that names no event asks for no line at all: kernel-hang-after-starting-kernel must
/// not fire when a quiet kernel prints only lines no definition reads (the Verdin iMX8M Plus log of
/// samples/real), and must fire when nothing, or only blank lines, follow "Starting kernel ...".
@Suite struct DiagnosisAnyLineAbsenceTests {
    static let handover = BootScript(lines: [
        .init(side: .a7, time: 0.0, text: "U-Boot 2022.04-6.6.1+git.4b1cd5e2d3bf (Jan 01 2024 - 00:00:00 +0000)"),
        .init(side: .a7, time: 1.0, text: "Starting kernel ..."),
    ]).with { $0.a7Timed = false; $0.withM4Console = false }

    @Test func unrecognisedKernelLinesAfterTheHandoverAreOutput() {
        let quiet = Self.handover
            .adding(.a7, 2.0, "[    1.071624] clk: failed to reparent hsio_axi to sys_pll2_500m: -16")
            .adding(.a7, 3.0, "Starting version 250.5+")
        #expect(!quiet.problems().contains("kernel-hang-after-starting-kernel"), "\(quiet.diagnose().findings.map(\.rule))")
    }

    @Test func nothingOrOnlyABlankLineAfterTheHandoverIsAHang() {
        #expect(Self.handover.problems().contains("kernel-hang-after-starting-kernel"))
        #expect(Self.handover.adding(.a7, 2.0, "").problems().contains("kernel-hang-after-starting-kernel"))
    }
}
