import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite struct SerialSettingsTests {
    @Test func summaryReadsLikeDatasheets() {
        #expect(SerialSettings().summary == "115200 8N1")
        #expect(SerialSettings(baud: 1_500_000, dataBits: 7, parity: .even, stopBits: 2, flowControl: .hardware).summary == "1500000 7E2 rtscts")
    }
}
