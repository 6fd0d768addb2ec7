import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite("Classifier and printk time")
struct ClassifierTests {
    func printk(_ text: String) -> (Int64, String)? {
        Array(text.utf8).withUnsafeBytes { raw in
            PrintkTime.parse(raw).map { ($0.microseconds, String(decoding: raw[$0.prefixLength...], as: UTF8.self)) }
        }
    }

    @Test("printk time: padded, collapsed, unpadded, large, and lines without one")
    func printkTime() throws {
        #expect(printk("[    0.000000] Booting Linux on physical CPU 0x0")! == (0, "Booting Linux on physical CPU 0x0"))
        #expect(printk("[   36.046358] imx_rpmsg_tty")! == (36_046_358, "imx_rpmsg_tty"))
        #expect(printk("[ 36.046358] imx_rpmsg_tty")! == (36_046_358, "imx_rpmsg_tty"))
        #expect(printk("[36.046358] x")! == (36_046_358, "x"))
        #expect(printk("[18402.215721] systemd-shutdown[1]: Syncing")! == (18_402_215_721, "systemd-shutdown[1]: Syncing"))
        #expect(printk("[  497.221395]")! == (497_221_395, ""))
        #expect(printk("imx_rpmsg_tty rpmsg0: new channel: 0x400 -> 0x1e!") == nil)
        #expect(printk("[  OK  ] Started Serial Getty on ttymxc0.") == nil)
        #expect(printk("[    1.23456] five fraction digits") == nil)
        #expect(printk("[    1.234567 missing bracket") == nil)
        #expect(printk(" [    1.234567] leading space") == nil)
        #expect(printk("[") == nil)
        #expect(printk("") == nil)
    }

    static func definitions() throws -> [ParserDefinition] {
        let yaml = """
            parsers:
              - id: test.channel
                console: application
                literal: "creating channel "
                regex: '^virtio_rpmsg_bus (?<virtio>virtio\\d+): creating channel (?<name>\\S+) addr (?<address>0x[0-9a-f]+)'
                examples:
                  - "virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400"
              - id: test.channel-any
                console: application
                literal: "channel"
              - id: test.m4-banner
                console: microcontroller
                literal: "RPMSG String Echo"
              - id: test.anywhere
                console: any
                literal: "HARD FAULT"
                severity: fatal
                phase: halted
            """
        return try DefinitionLoader.parse(files: [("test.yaml", yaml)])
    }

    func classify(_ classifier: Classifier, _ text: String, _ kind: ConsoleKind) -> ClassifierMatch? {
        Array(text.utf8).withUnsafeBytes { classifier.classify($0, consoleKind: kind) }
    }

    @Test("the regex sees the message after the printk prefix; fields and target time come back")
    func regexAfterPrintk() throws {
        let classifier = Classifier(definitions: try Self.definitions())
        for line in [
            "[  497.233806] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400",
            "[ 497.233806] virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400",
        ] {
            let match = try #require(classify(classifier, line, .application))
            #expect(classifier.definitions[match.definitionIndex].id == "test.channel")
            #expect(match.targetTime == 497_233_806)
            #expect(match.fields == ["virtio": "virtio0", "name": "rpmsg-tty", "address": "0x400"])
            #expect(match.text == line)
        }
        // Without a printk prefix the same message still matches, with no target time.
        let bare = try #require(classify(classifier, "virtio_rpmsg_bus virtio0: creating channel rpmsg-tty addr 0x400", .application))
        #expect(bare.targetTime == nil)
        #expect(classifier.definitions[bare.definitionIndex].id == "test.channel")
    }

    @Test("when the first entry's regex fails, the next entry whose literal occurs wins")
    func fallsThroughInOrder() throws {
        let classifier = Classifier(definitions: try Self.definitions())
        let match = try #require(classify(classifier, "[    1.0] no printk here: creating channel ??? ", .application))
        #expect(classifier.definitions[match.definitionIndex].id == "test.channel-any")
        #expect(match.fields.isEmpty)
        #expect(match.targetTime == nil)
    }

    @Test("console kinds: application entries skip M-core lines; any and unknown apply everywhere")
    func consoleKinds() throws {
        let classifier = Classifier(definitions: try Self.definitions())
        #expect(classify(classifier, "RPMSG String Echo Demo...", .application) == nil)
        #expect(classify(classifier, "RPMSG String Echo Demo...", .microcontroller) != nil)
        #expect(classify(classifier, "RPMSG String Echo Demo...", .unknown) != nil)
        #expect(classify(classifier, "creating channel x", .microcontroller) == nil)
        for kind in [ConsoleKind.application, .microcontroller, .unknown] {
            #expect(classify(classifier, "***** HARD FAULT *****", kind).map { classifier.definitions[$0.definitionIndex].id } == "test.anywhere")
        }
    }

    @Test("literals are found at the start, at the very end, across every stride phase, and not when cut")
    func literalPositions() throws {
        let classifier = Classifier(definitions: try Self.definitions())
        for padding in 0..<9 {
            let prefix = String(repeating: "x", count: padding)
            #expect(classify(classifier, prefix + "HARD FAULT", .unknown) != nil, "padding \(padding)")
            #expect(classify(classifier, prefix + "HARD FAULT" + prefix, .unknown) != nil, "padding \(padding)")
            #expect(classify(classifier, prefix + "HARD FAUL", .unknown) == nil, "padding \(padding)")
            #expect(classify(classifier, prefix + "ARD FAULT", .unknown) == nil, "padding \(padding)")
        }
        #expect(classify(classifier, "", .unknown) == nil)
        #expect(classify(classifier, "HAR", .unknown) == nil)
    }

    @Test("escape sequences and invalid bytes do not hide a literal from the regex or break the text")
    func colouredLine() throws {
        let classifier = Classifier(definitions: try Self.definitions())
        let raw: [UInt8] = Array("[    1.300000] virtio_rpmsg_bus virtio0: creating channel ".utf8) + [0x1B] + Array("[1mrpmsg-tty".utf8)
            + [0x1B] + Array("[0m addr 0x1e".utf8) + [0xFF]
        let match = try #require(raw.withUnsafeBytes { classifier.classify($0, consoleKind: .application) })
        #expect(classifier.definitions[match.definitionIndex].id == "test.channel")
        #expect(match.fields["name"] == "rpmsg-tty")
        #expect(match.text.hasSuffix("addr 0x1e\u{FFFD}"))
    }

    @Test("events from assembled line views carry console, line number, offset and host times")
    func eventsFromLineViews() throws {
        let classifier = try Classifier()
        var assembler = LineAssembler(console: 0)
        var events: [Event] = []
        let boot = "U-Boot 2016.11 (Dec 07 2020 - 16:53:12 -0300)\r\nsome noise\r\n## Starting auxiliary core at 0x1FFF80BD ...\r\n"
        let kernel = "Starting kernel ...\r\n\r\n[    0.000000] Booting Linux on physical CPU 0x0\r\n[    2.058899] clk: Disabling unused clocks\r\n"
        Array(boot.utf8).withUnsafeBytes { assembler.scan($0, time: 1_000) { line in
            if let event = classifier.classify(line, consoleKind: .application) { events.append(event) }
        } }
        Array(kernel.utf8).withUnsafeBytes { assembler.scan($0, time: 2_000) { line in
            if let event = classifier.classify(line, consoleKind: .application) { events.append(event) }
        } }
        #expect(events.map(\.definitionID) == [
            "uboot.banner", "uboot.bootaux-start", "uboot.starting-kernel", "linux.booting", "linux.clk-disabling-unused",
        ])
        #expect(events.map(\.lineNumber) == [1, 3, 4, 6, 7])
        #expect(events.map(\.byteOffset) == [0, 59, 105, 128, 178])
        #expect(events.map(\.firstByteTime) == [1_000, 1_000, 2_000, 2_000, 2_000])
        #expect(events.map(\.targetTime) == [nil, nil, nil, 0, 2_058_899])
        #expect(events[0].fields == ["version": "2016.11", "buildDate": "Dec 07 2020 - 16:53:12 -0300"])
        #expect(events[0].phase == .bootloader)
        #expect(events[2].phase == .kernel)
        #expect(events[4].name == "clocks-gated")
        #expect(events[4].text == "[    2.058899] clk: Disabling unused clocks")
    }
}
