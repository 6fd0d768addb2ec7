import Testing
@testable import AmpScope

/// The wait before reconnecting to ser2net (issue 17): refusals back off, but a connection that
/// worked, however briefly, starts the next round from the first wait (20 restarts of ser2net a
/// second or two apart had each waited the longest 5 s).
@Suite struct RemoteReconnectBackoffTests {
    static let start: UInt64 = 1_000_000_000_000
    static let second: UInt64 = 1_000_000_000

    static func fresh() -> RemoteReconnect {
        RemoteReconnect(endpoint: RemoteEndpoint(transport: .rfc2217, host: "lab-host-3", port: 3001),
                        address: SocketAddress(family: 2, storage: [], text: "10.0.0.3"))
    }

    @Test func refusalsDoubleTheWait() {
        var remote = Self.fresh()
        let waits = (0..<6).map { _ in remote.failed(now: Self.start) - Self.start }
        #expect(waits == [250_000_000, 500_000_000, 1_000_000_000, 2_000_000_000, 4_000_000_000, 5_000_000_000])
    }

    @Test func aShortConnectionThatBroughtConsoleBytesStartsFromTheFirstWait() {
        var remote = Self.fresh()
        for _ in 0..<4 { _ = remote.failed(now: Self.start) }
        remote.connectedAt = Self.start
        remote.carriedData = true
        let dropped = Self.start + Self.second
        #expect(remote.lost(now: dropped) == dropped + 250_000_000)
        #expect(!remote.carriedData, "the next connection has to bring bytes of its own")
    }

    @Test func aShortConnectionWithoutConsoleBytesKeepsBackingOff() {
        // ser2net that cannot open its device accepts, says so and closes: no console byte.
        var remote = Self.fresh()
        for _ in 0..<4 { _ = remote.failed(now: Self.start) }
        remote.connectedAt = Self.start
        let dropped = Self.start + Self.second
        #expect(remote.lost(now: dropped) == dropped + 4_000_000_000)
    }
}
