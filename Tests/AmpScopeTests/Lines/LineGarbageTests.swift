import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// A UART receiver at the wrong baud rate, to produce the garbage a user really sees: the
/// sender's 8N1 frames are sampled at the receiver's bit period, starting at each falling edge;
/// a frame whose stop bit reads 0 is delivered as NUL, as Linux's n_tty does without PARMRK.
struct WrongBaudReceiver {
    static func receive(_ text: [UInt8], sentAt senderBaud: Double, readAt receiverBaud: Double) -> [UInt8] {
        var bits: [UInt8] = [1, 1]
        for byte in text {
            bits.append(0)
            for bit in 0..<8 { bits.append((byte >> UInt8(bit)) & 1) }
            bits.append(1)
        }
        bits += [1, 1]
        func level(at time: Double) -> UInt8 {
            let index = Int(time * senderBaud)
            return index < bits.count ? bits[index] : 1
        }
        var received: [UInt8] = []
        var boundary = 1
        while boundary < bits.count {
            guard bits[boundary - 1] == 1 && bits[boundary] == 0 else { boundary += 1; continue }
            let start = Double(boundary) / senderBaud
            var value: UInt8 = 0
            for bit in 0..<8 where level(at: start + (Double(bit) + 1.5) / receiverBaud) == 1 {
                value |= 1 << UInt8(bit)
            }
            let framed = level(at: start + 9.5 / receiverBaud) == 1
            received.append(framed ? value : 0)
            boundary = Int(((start + 9.5 / receiverBaud) * senderBaud).rounded(.up))
        }
        return received
    }
}

@Suite struct LineGarbageTests {
    static let realLines = [
        "U-Boot 2016.11-2.7.5+gd0e5b2ae81 (Jun 10 2019 - 14:35:07 +0000)",
        "Model: Toradex Colibri iMX7D 512MB V1.1D, Serial# 06543210",
        "## Starting auxiliary core at 0x1FFF80BD ...",
        "[    0.000000] Booting Linux on physical CPU 0x0",
        "[    0.000000] Kernel command line: user_debug=30 ubi.mtd=ubi root=ubi0:rootfs rootfstype=ubifs console=ttymxc0,115200n8 clk_ignore_unused",
        "[    1.234567] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 30, base_baud = 1500000) is a IMX",
        "[    2.052360] imx rpmsg driver is registered.",
        "[    2.112355] virtio_rpmsg_bus virtio0: creating channel rpmsg-virtual-tty-channel-1 addr 0x1e",
        "[   36.046358] clk: Disabling unused clocks",
        "[\u{1B}[0;32m  OK  \u{1B}[0m] Started \u{1B}[0;1;39mJournal Service\u{1B}[0m.",
        "\u{1B}[1;34mroot@colibri-imx7\u{1B}[0m:~# echo start > /sys/class/remoteproc/remoteproc0/state",
        "RPMSG String Echo FreeRTOS RTOS API Demo...",
        "Get Message From Master Side : \"hello world!\" [len : 12]",
        "imx7d-cpu-thermal: temperature 42.5°C (trip 95°C) – µs timing ok",
        "Hit any key to stop autoboot:  2\u{08}\u{08}\u{08} 1",
        "\tfree memory:\t123456 KiB",
    ]

    @Test func realTextScoresNearZero() {
        for line in Self.realLines {
            let score = LineAnalysis(of: [UInt8](line)).garbageScore
            // Only the autoboot countdown scores above 0: its three backspaces among 37 text bytes.
            let expected = line.contains("\u{08}") ? 3.0 / 37.0 : 0
            #expect(score == expected, "\(line): \(score)")
        }
    }

    @Test func wrongBaudGarbageScoresHigh() {
        let text = [UInt8](Self.realLines.joined(separator: "\r\n") + "\r\n")
        for receiverBaud in [9600.0, 38400, 57600, 230400, 460800, 1_500_000] {
            let garbage = WrongBaudReceiver.receive(text, sentAt: 115200, readAt: receiverBaud)
            var analysis = LineAnalysis()
            var lines = 0
            var assembler = LineAssembler(console: 0)
            let collect: (LineView) -> Void = { view in
                let line = view.analysis
                analysis.textBytes += line.textBytes
                analysis.invalidUTF8Bytes += line.invalidUTF8Bytes
                analysis.controlBytes += line.controlBytes
                analysis.nulBytes += line.nulBytes
                analysis.malformedEscapeBytes += line.malformedEscapeBytes
                lines += 1
            }
            garbage.withUnsafeBytes { assembler.scan($0, time: 0, collect) }
            assembler.finishScan(time: 0, collect)
            // The same text at the right rate is clean: the simulator itself is sound.
            #expect(WrongBaudReceiver.receive(text, sentAt: 115200, readAt: 115200) == text)
            #expect(analysis.garbageScore >= 0.5, "\(receiverBaud) baud: score \(analysis.garbageScore) over \(lines) lines")
        }
    }
}
