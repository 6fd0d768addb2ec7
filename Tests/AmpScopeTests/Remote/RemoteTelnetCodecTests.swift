import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// The telnet decoder and the RFC 2217 exchange, on the bytes ser2net really sends.
@Suite struct RemoteTelnetCodecTests {
    /// What ser2net 4.3 sent on a new telnet(rfc2217) connection (recorded by hand), then data
    /// with an escaped 0xFF, a NOTIFY-MODEMSTATE and a SET-BAUDRATE reply in the middle of a line.
    static let ser2netStream: [UInt8] =
        [0xFF, 0xFB, 0x03, 0xFF, 0xFD, 0x03, 0xFF, 0xFB, 0x01, 0xFF, 0xFE, 0x01, 0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x00, 0xFF, 0xFD, 0x2C]
        + Array("hello 8".utf8) + [0xFF, 0xFF, 0x00, 0x0D, 0x0A] + Array("hello ".utf8)
        + [0xFF, 0xFA, 0x2C, 0x6B, 0x00, 0xFF, 0xF0, 0xFF, 0xFA, 0x2C, 0x65, 0x00, 0x00, 0xE1, 0x00, 0xFF, 0xF0]
        + Array("13".utf8) + [0xFF, 0xF1] + [0xFF, 0xFF, 0xFF, 0xFF]

    static let expectedData: [UInt8] = Array("hello 8".utf8) + [0xFF, 0x00, 0x0D, 0x0A] + Array("hello 13".utf8) + [0xFF, 0xFF]
    static let expectedCommands: [TelnetCommand] = [
        .negotiation(.will, option: 3), .negotiation(.do, option: 3), .negotiation(.will, option: 1), .negotiation(.dont, option: 1),
        .negotiation(.do, option: 0), .negotiation(.will, option: 0), .negotiation(.do, option: 44),
        .subnegotiation(option: 44, payload: [107, 0]), .subnegotiation(option: 44, payload: [101, 0x00, 0x00, 0xE1, 0x00]),
        .other(0xF1),
    ]

    @Test func aStreamSplitAtAnyPointDecodesTheSame() {
        let stream = Self.ser2netStream
        for split in 0...stream.count {
            var decoder = TelnetDecoder()
            let first = decoder.decode(Array(stream[..<split]))
            let second = decoder.decode(Array(stream[split...]))
            #expect(first.data + second.data == Self.expectedData, "split at \(split)")
            #expect(first.commands + second.commands == Self.expectedCommands, "split at \(split)")
        }
    }

    @Test func aStreamSplitAtEveryPairOfPointsDecodesTheSame() {
        let stream = Self.ser2netStream
        for first in 0...stream.count {
            for second in first...stream.count {
                var decoder = TelnetDecoder()
                var data: [UInt8] = []
                var commands: [TelnetCommand] = []
                for piece in [stream[..<first], stream[first..<second], stream[second...]] {
                    let decoded = decoder.decode(Array(piece))
                    data += decoded.data
                    commands += decoded.commands
                }
                #expect(data == Self.expectedData && commands == Self.expectedCommands, "splits at \(first), \(second)")
            }
        }
    }

    @Test func everyByteValueSurvivesEscapingAndInPlaceDecodingInAnyReadSize() {
        let data = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ ($0 >> 8)) } + (0...255).map(UInt8.init) + [0xFF, 0xFF, 0xFF]
        let wire = TelnetEncoder.escape(data)
        #expect(wire.count == data.count + data.filter { $0 == 0xFF }.count)
        for readSize in [1, 2, 3, 7, 255, 256, 1000, wire.count] {
            var decoder = TelnetDecoder()
            var decoded: [UInt8] = []
            var commands: [TelnetCommand] = []
            var offset = 0
            while offset < wire.count {
                var buffer = Array(wire[offset..<min(offset + readSize, wire.count)])
                let count = buffer.count
                let kept = buffer.withUnsafeMutableBytes { decoder.decode(inPlace: $0, count: count, commands: &commands) }
                decoded += buffer[..<kept]
                offset += readSize
            }
            #expect(decoded == data, "read size \(readSize)")
            #expect(commands.isEmpty)
        }
    }

    @Test func anOverlongSubnegotiationIsCappedAndDataAfterItKept() {
        var decoder = TelnetDecoder()
        let long = [0xFF, 0xFA, 0x2C] + [UInt8](repeating: 0x41, count: 5000) + [0xFF, 0xF0] + Array("ok".utf8)
        let decoded = decoder.decode(long)
        #expect(decoded.data == Array("ok".utf8))
        #expect(decoded.commands == [.subnegotiation(option: 0x2C, payload: [UInt8](repeating: 0x41, count: TelnetDecoder.payloadLimit))])
    }

    @Test func theOpeningAsksForComPortBinaryAndTheLineSettings() {
        var negotiation = Rfc2217Negotiation(settings: SerialSettings(baud: 65_535, dataBits: 7, parity: .even, stopBits: 2, flowControl: .hardware))
        let opening = negotiation.opening()
        var decoder = TelnetDecoder()
        let decoded = decoder.decode(opening)
        #expect(decoded.data.isEmpty)
        #expect(decoded.commands == [
            .negotiation(.will, option: 0), .negotiation(.will, option: 3), .negotiation(.will, option: 44),
            .negotiation(.do, option: 0), .negotiation(.do, option: 3),
            // 65535 baud is 00 00 FF FF: both 0xFF are doubled on the wire and come back whole.
            .subnegotiation(option: 44, payload: [1, 0x00, 0x00, 0xFF, 0xFF]), .subnegotiation(option: 44, payload: [2, 7]),
            .subnegotiation(option: 44, payload: [3, 3]), .subnegotiation(option: 44, payload: [4, 2]),
            .subnegotiation(option: 44, payload: [5, 3]), .subnegotiation(option: 44, payload: [10, 0x1E]),
            .subnegotiation(option: 44, payload: [11, 0xF0]),
        ])
        let escapedBaud: [UInt8] = [0xFF, 0xFA, 44, 1, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0]
        #expect((0...(opening.count - escapedBaud.count)).contains { Array(opening[$0..<($0 + escapedBaud.count)]) == escapedBaud })
    }

    @Test func ser2netsOpeningIsAnsweredOnceAndEchoRefused() {
        var negotiation = Rfc2217Negotiation(settings: SerialSettings(baud: 57_600))
        _ = negotiation.opening()
        var notices: [RemoteNotice] = []
        var replies: [UInt8] = []
        for command in Self.expectedCommands { replies += negotiation.handle(command, notices: &notices) }
        // Everything ser2net offers was asked for already, except ECHO, which is declined once.
        #expect(replies == [0xFF, 0xFE, 0x01])
        #expect(notices == [.modemState("remote UART modem lines: CD, RI, DSR and CTS all off")])
        // The same offers again change nothing and get no answer (no negotiation loop).
        for command in Self.expectedCommands { replies += negotiation.handle(command, notices: &notices) }
        #expect(replies == [0xFF, 0xFE, 0x01])
    }

    @Test func serverRepliesBecomeNotices() {
        var negotiation = Rfc2217Negotiation(settings: SerialSettings(baud: 921_600))
        _ = negotiation.opening()
        var notices: [RemoteNotice] = []
        let replies: [[UInt8]] = [[101, 0x00, 0x01, 0xC2, 0x00], [102, 8], [103, 1], [104, 1], [105, 1], [106, 0x18], [106, 0x01], [107, 0x30], [107, 0x30]]
        for payload in replies { _ = negotiation.handle(.subnegotiation(option: 44, payload: payload), notices: &notices) }
        #expect(notices == [
            .settingDiffers("asked the remote port for 921600 baud, the server reports 115200 baud"),
            .lineError("remote UART line state: framing error, break detected"),
            .modemState("remote UART modem lines: DSR, CTS on"),
        ])
        _ = negotiation.handle(.subnegotiation(option: 44, payload: [101, 0x00, 0x0E, 0x10, 0x00]), notices: &notices)
        #expect(notices.last == .settingsConfirmed("the server set the remote port to 921600 8N1 (RFC 2217 replies to every setting)"))
    }

    @Test func aServerWithoutComPortSaysSo() {
        var negotiation = Rfc2217Negotiation(settings: SerialSettings())
        _ = negotiation.opening()
        var notices: [RemoteNotice] = []
        let reply = negotiation.handle(.negotiation(.dont, option: 44), notices: &notices)
        #expect(reply == [0xFF, 0xFC, 44])
        guard case .warning(let text) = notices.first else { Issue.record("no refusal notice: \(notices)"); return }
        #expect(text.contains("telnet(rfc2217)"))
    }
}
