import Testing
@testable import AmpScope
@testable import AmpScopeTestSupport

/// `rfc2217://` and `tcp://` selectors: parsed early, with the correct form in every error.
@Suite struct RemoteSelectorTests {
    @Test func remoteSelectorsParse() throws {
        #expect(try PortSelector.parse("rfc2217://lab-host-3:3001") == .remote(RemoteEndpoint(transport: .rfc2217, host: "lab-host-3", port: 3001)))
        #expect(try PortSelector.parse("tcp://10.0.0.3:4001") == .remote(RemoteEndpoint(transport: .tcp, host: "10.0.0.3", port: 4001)))
        let v6 = try PortSelector.parse("tcp://[::1]:4001")
        #expect(v6 == .remote(RemoteEndpoint(transport: .tcp, host: "::1", port: 4001)))
        #expect(v6.description == "tcp://[::1]:4001")
        #expect(try PortSelector.parse("rfc2217://lab-host-3:3001").description == "rfc2217://lab-host-3:3001")
    }

    @Test func malformedSelectorsSayTheForm() {
        let cases: [(String, String)] = [
            ("tcp://host", "the port is missing"), ("tcp://host:", "the port is missing"), ("tcp://host:0", "from 1 to 65535"),
            ("tcp://host:99999", "from 1 to 65535"), ("tcp://host:30x1", "from 1 to 65535"), ("rfc2217://", "no host and port"),
            ("rfc2217://:3001", "the host is missing"), ("tcp://::1:4001", "in brackets"), ("tcp://[::1", "closing ]"),
            ("tcp://host/x:1", "not a host name"), ("telnet://host:23", "unknown scheme"),
        ]
        for (text, reason) in cases {
            do {
                _ = try PortSelector.parse(text)
                Issue.record("\(text) parsed")
            } catch {
                #expect(error.description.contains(reason), "\(text): \(error)")
                #expect(error.description.contains("HOST:PORT"), "\(text): \(error)")
            }
        }
    }

    @Test func remoteBindingsNeedNoUdevAndNameTheEndpoint() throws {
        let binding = try PortBinding.resolve("rfc2217://127.0.0.1:3001", among: [])
        #expect(binding.node == "rfc2217://127.0.0.1:3001")
        #expect(binding.adapter == nil)
        #expect(binding.remote?.port == 3001)
        #expect(!binding.isReturning(SerialAdapter(node: "/dev/ttyUSB0", driver: "ftdi_sio")))
    }

    @Test func aBoardProfileMayNameRemotePorts() throws {
        let yaml = """
            boards:
              lab-colibri:
                baud: 115200
                consoles:
                  a7: { port: "rfc2217://lab-host-3:3001", kind: application }
                  m4: { port: "tcp://lab-host-3:4001" }
            """
        let profile = try #require(try BoardProfiles.parse(yaml, file: "lab.yaml").first)
        let requests = profile.consoleRequests(defaults: SerialSettings())
        #expect(requests.map(\.port) == ["rfc2217://lab-host-3:3001", "tcp://lab-host-3:4001"])
        #expect(throws: BoardProfileError.self) {
            try BoardProfiles.parse("boards:\n  b:\n    consoles:\n      a7: { port: \"tcp://lab-host-3\" }\n", file: "bad.yaml")
        }
        do {
            _ = try BoardProfiles.parse("boards:\n  b:\n    consoles:\n      a7: { port: \"tcp://lab-host-3\" }\n", file: "bad.yaml")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml:4:"), "\(error)")
            #expect(error.description.contains("the port is missing"))
        }
    }
}
