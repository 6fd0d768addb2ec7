import Foundation
import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

@Suite("Built-in parser definitions")
struct ParserBuiltinDefinitionTests {
    static func kind(for console: DefinitionConsole) -> ConsoleKind {
        switch console {
        case .application: .application
        case .microcontroller: .microcontroller
        case .any: .unknown
        }
    }

    @Test("the built-ins load, cover every layer and every entry has examples")
    func builtinsLoad() throws {
        let definitions = try DefinitionLoader.builtin()
        #expect(definitions.count > 100)
        for prefix in ["uboot.", "linux.", "mcore.", "kernel."] {
            #expect(definitions.contains { $0.id.hasPrefix(prefix) }, "no \(prefix) definitions")
        }
        for definition in definitions {
            #expect(!definition.examples.isEmpty, "\(definition.id) (\(definition.location)) has no examples")
        }
    }

    @Test("every example is classified as its own entry, with the captures its regex names")
    func examplesMatchTheirEntry() throws {
        let classifier = Classifier(definitions: try DefinitionLoader.builtin())
        var checked = 0
        for definition in classifier.definitions {
            for example in definition.examples {
                let match = Array(example.utf8).withUnsafeBytes {
                    classifier.classify($0, consoleKind: Self.kind(for: definition.console))
                }
                let got = match.map { classifier.definitions[$0.definitionIndex].id }
                #expect(got == definition.id, "\(definition.id) example \"\(example)\" became \(got ?? "nothing")")
                if let match, got == definition.id {
                    #expect(match.fields.keys.allSatisfy(definition.captureNames.contains))
                }
                checked += 1
            }
        }
        #expect(checked >= classifier.definitions.count)
    }

    @Test("no counterexample (near miss) is classified as the entry it is listed under")
    func counterexamplesDoNotMatch() throws {
        let classifier = Classifier(definitions: try DefinitionLoader.builtin())
        var checked = 0
        for definition in classifier.definitions {
            for counterexample in definition.counterexamples {
                let match = Array(counterexample.utf8).withUnsafeBytes {
                    classifier.classify($0, consoleKind: Self.kind(for: definition.console))
                }
                let got = match.map { classifier.definitions[$0.definitionIndex].id }
                #expect(got != definition.id, "\(definition.id) matched its counterexample \"\(counterexample)\"")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test("examples hand-checked against DOMAIN.md yield the expected fields")
    func handCheckedFields() throws {
        let classifier = Classifier(definitions: try DefinitionLoader.builtin())
        func classify(_ text: String, _ kind: ConsoleKind) -> (String, EventFields)? {
            Array(text.utf8).withUnsafeBytes { classifier.classify($0, consoleKind: kind) }
                .map { (classifier.definitions[$0.definitionIndex].id, $0.fields) }
        }
        let bootaux = try #require(classify("## Starting auxiliary core at 0x1FFF80BD ...", .application))
        #expect(bootaux.0 == "uboot.bootaux-start")
        #expect(bootaux.1 == ["address": "0x1FFF80BD"])
        let uart = try #require(classify(
            "[    1.385338] 30890000.serial: ttymxc1 at MMIO 0x30890000 (irq = 31, base_baud = 1500000) is a IMX", .application))
        #expect(uart.1 == ["device": "30890000.serial", "tty": "ttymxc1", "address": "0x30890000"])
        let kick = try #require(classify("[    5.007869] imx-rproc imx8mm-cm4: imx_rproc_kick: failed (0, err:-62)", .application))
        #expect(kick.0 == "linux.imx-rproc-kick-failed")
        #expect(kick.1 == ["vq": "0", "errno": "-62"])
        let channel = try #require(classify(
            "[    1.300000] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e", .application))
        #expect(channel.1 == ["action": "creat", "channel": "rpmsg-openamp-demo-channel", "address": "0x1e"])
        let message = try #require(classify("Get Message From A7 : \"hello world!\" [len : 12] from slot 0", .microcontroller))
        #expect(message.1 == ["message": "hello world!", "length": "12"])
    }
}
