import AmpScope
import Testing
@testable import AmpScopeTestSupport

/// Loss between two readings of a driver's error counters, worked out by hand.
@Suite struct SerialUARTErrorCountersTests {
    @Test func lossIsTheDifferenceOfEachCounter() throws {
        let open = UARTErrorCounters(overrun: 10, bufferOverrun: 0, framing: 2, parity: 0, breaks: 1)
        let later = UARTErrorCounters(overrun: 13, bufferOverrun: 1, framing: 4, parity: 0, breaks: 1)
        let loss = try #require(later.loss(since: open))
        #expect(loss == UARTLoss(overrun: 3, bufferOverrun: 1, framing: 2, parity: 0, breaks: 0))
        #expect(loss.description == "3 bytes lost to UART overrun, 1 byte lost to a full tty buffer (the reader fell behind), 2 framing errors")
    }

    @Test func unchangedCountersAreNoLoss() {
        let counters = UARTErrorCounters(overrun: 5, bufferOverrun: 5, framing: 5, parity: 5, breaks: 5)
        #expect(counters.loss(since: counters) == nil)
    }

    @Test func countersThatWentDownCountFromZero() throws {
        // A driver that reset its counters (the port was reopened): what it has now is new.
        let before = UARTErrorCounters(overrun: 40)
        let after = UARTErrorCounters(overrun: 2)
        #expect(try #require(after.loss(since: before)).overrun == 2)
    }

    @Test func oneParityErrorAndOneBreakAreNamedInTheSingular() throws {
        let loss = try #require(UARTErrorCounters(parity: 1, breaks: 1).loss(since: UARTErrorCounters()))
        #expect(loss.description == "1 parity error, 1 break")
    }
}
