import AmpScope
import Foundation
import Testing
@testable import AmpScopeTestSupport

/// Board profiles: parsing, errors with file:line:column, lookup order, (`capture --board` on PTYs is DevicesBoardProfileCaptureTests).
struct DevicesBoardProfileTests {
    static let colibri = """
        boards:
          colibri-imx7:
            baud: 115200
            parsers: [parsers, /etc/ampscope/parsers]
            consoles:
              a7: { port: "serial:A50285BI", kind: application }
              m4:
                port: usb:0403:6011/if1
                baud: 9600
                kind: microcontroller
          bench:
            consoles:
              uart: { port: /dev/ttyS0 }
        """

    @Test func aProfileGivesConsolesWithSelectorsBaudAndKind() throws {
        let profiles = try BoardProfiles.parse(Self.colibri, file: "/work/proj/.ampscope.yaml")
        #expect(profiles.map(\.name) == ["colibri-imx7", "bench"])
        let colibri = profiles[0]
        #expect(colibri.location == "/work/proj/.ampscope.yaml:2")
        #expect(colibri.parserFolders == ["/work/proj/parsers", "/etc/ampscope/parsers"])
        let requests = colibri.consoleRequests(defaults: SerialSettings(baud: 57_600))
        #expect(requests.map(\.name) == ["a7", "m4"])
        #expect(requests.map(\.port) == ["serial:A50285BI", "usb:0403:6011/if1"])
        #expect(requests.map(\.settings.baud) == [115_200, 9600])  // board baud, then the console's own
        #expect(requests.map(\.kind) == [.application, .microcontroller])
        // A console without baud or kind: the command line's baud, kind from the name.
        let bench = profiles[1].consoleRequests(defaults: SerialSettings(baud: 57_600))
        #expect(bench.map(\.settings.baud) == [57_600])
        #expect(bench.map(\.kind) == [.unknown])
    }

    @Test func mistakesAreReportedWithFileLineAndColumn() {
        let cases: [(String, String)] = [
            ("boards:\n  b:\n    consoles:\n      a7: { port: serial:X, speed: 9600 }\n",
             "f.yaml:4:29: unknown key 'speed' in console a7; expected one of port, baud, kind"),
            ("boards:\n  b:\n    consoles:\n      a7:\n        port: /dev/ttyUSB0\n        kind: linux\n",
             "f.yaml:6:15: kind 'linux' must be application (A-core: U-Boot, Linux) or microcontroller (M-core)"),
            ("boards:\n  b:\n    consoles:\n      a7: { port: \"usb:0403\" }\n",
             "f.yaml:4:19: Port selector \"usb:0403\": expected usb:VID:PID with four hex digits each, e.g. usb:0403:6001. "
                + "Use a path (/dev/ttyUSB0), serial:SERIAL, by-id:NAME, usb:VID:PID[/ifN] (e.g. usb:0403:6001/if1), path:ID_PATH, "
                + "or for a port exported by ser2net rfc2217://HOST:PORT or tcp://HOST:PORT; `ampscope ports` lists the local ones."),
            ("boards:\n  b:\n    consoles:\n      m4: { baud: 115200 }\n",
             "f.yaml:4:7: console m4 has no 'port' (e.g. port: \"serial:A50285BI\")"),
            ("boards:\n  b:\n    baud: fast\n    consoles:\n      a7: { port: /dev/ttyUSB0 }\n",
             "f.yaml:3:11: baud 'fast' must be a positive number, e.g. 115200"),
            ("board:\n  b: {}\n", "f.yaml:1:1: unknown top-level key 'board'; expected 'boards'"),
        ]
        for (text, expected) in cases {
            #expect(throws: BoardProfileError.self) { try BoardProfiles.parse(text, file: "f.yaml") }
            do {
                _ = try BoardProfiles.parse(text, file: "f.yaml")
            } catch {
                #expect(error.description == expected)
            }
        }
        do {
            _ = try BoardProfiles.parse("boards:\n  b:\n    consoles: [a7\n", file: "f.yaml")
            Issue.record("broken YAML parsed")
        } catch {
            #expect(error.description.hasPrefix("f.yaml:4:"), "\(error)")
            #expect(error.description.contains("not valid YAML"))
        }
    }

    @Test func theProjectFileComesBeforeTheUserConfig() throws {
        let folder = temporaryDirectory("boards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/project", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/config/ampscope", withIntermediateDirectories: true)
        try "boards:\n  shared:\n    consoles:\n      a7: { port: serial:PROJECT }\n"
            .write(toFile: folder + "/project/.ampscope.yaml", atomically: true, encoding: .utf8)
        try "boards:\n  shared:\n    consoles:\n      a7: { port: serial:USER }\n  mine:\n    consoles:\n      m4: { port: serial:MINE }\n"
            .write(toFile: folder + "/config/ampscope/boards.yaml", atomically: true, encoding: .utf8)
        let files = BoardProfiles.files(projectDirectory: folder + "/project", environment: ["XDG_CONFIG_HOME": folder + "/config", "HOME": "/nonexistent"])
        #expect(files == [folder + "/project/.ampscope.yaml", folder + "/config/ampscope/boards.yaml"])
        #expect(try BoardProfiles.find("shared", in: files).consoles.map(\.port) == ["serial:PROJECT"])
        #expect(try BoardProfiles.find("mine", in: files).consoles.map(\.port) == ["serial:MINE"])
        #expect(throws: BoardProfileError.notFound(name: "other", searched: files, known: [
            "shared (\(folder)/project/.ampscope.yaml:2)", "shared (\(folder)/config/ampscope/boards.yaml:2)",
            "mine (\(folder)/config/ampscope/boards.yaml:5)",
        ])) { try BoardProfiles.find("other", in: files) }
        // Without XDG_CONFIG_HOME: ~/.config.
        #expect(BoardProfiles.files(projectDirectory: "/p", environment: ["HOME": "/home/u"]) == ["/p/.ampscope.yaml", "/home/u/.config/ampscope/boards.yaml"])
    }
}
