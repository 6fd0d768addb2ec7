import Foundation

/// A hand-written board session: consoles and timed lines, compiled into a real session.
///
///     # comment
///     console a7 kind=application            (baud=115200 by default)
///     console m4 kind=microcontroller
///     @eol a7 \r\n                           line ending per console (default \r\n:
///                                            U-Boot, Linux and the M4 demos all print CR LF)
///     0.000 a7 U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)
///     +0.012 a7 CPU:   Freescale i.MX7D rev1.3 996 MHz (running at 792 MHz)
///     +0.001 m4 \r\nRPMSG Init as Remote
///     5.000 a7 Colibri iMX7 # \c             \c: no line ending (a prompt)
///     raw +0.5 m4 ff 00 0d                   exact bytes, in hex
///
/// A time is absolute seconds or `+delta` from the previous line; times never go back. The text
/// starts after exactly one space following the console name, keeps its spaces, and takes C
/// escapes (\r \n \t \0 \e \\ \xNN). Directive lines (console, @eol) may end in `# comment`;
/// text lines may not, since `#` is common in console output (`Colibri iMX7 # `).
public struct BoardScript: Sendable, Hashable {
    public struct Console: Sendable, Hashable {
        public var name: String
        public var kind: ConsoleKind
        public var baud: Int
        public var lineEnding: [UInt8]
    }

    /// Bytes one console prints at one time: one chunk in the compiled session.
    public struct Output: Sendable, Hashable {
        /// Nanoseconds after the script's time 0.
        public var time: UInt64
        public var console: Int
        public var bytes: [UInt8]
        /// 1-based line in the script, for messages.
        public var line: Int
    }

    public var fileName: String
    public var consoles: [Console]
    public var outputs: [Output]

    public init(fileName: String, consoles: [Console], outputs: [Output]) {
        self.fileName = fileName
        self.consoles = consoles
        self.outputs = outputs
    }

    public init(contentsOf path: String) throws(BoardScriptError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BoardScriptError(file: path, line: 0, column: 0, message: "cannot read the board script (does the file exist and can you read it?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BoardScriptError(file: path, line: 0, column: 0, message: "the board script is not UTF-8 text; write exact bytes with \\xNN or a raw line")
        }
        self = try BoardScriptParser.parse(text, fileName: path)
    }

    public static func parse(_ text: String, fileName: String = "<script>") throws(BoardScriptError) -> BoardScript {
        try BoardScriptParser.parse(text, fileName: fileName)
    }

    /// Writes the script as a session (SessionWriter): a header naming the consoles, an
    /// `opened` record per console, then one chunk per script line at its time.
    /// `monotonicAnchor` is the CLOCK_MONOTONIC value given to script time 0 (arbitrary, as in a
    /// real capture: a board was switched on some time after the host booted).
    @discardableResult
    public func compile(
        to sessionDirectory: String, monotonicAnchor: UInt64 = 4_242_000_000_000,
        wallClockNanoseconds: Int64 = 1_700_000_000_000_000_000
    ) throws(SessionError) -> SessionHeader {
        let descriptors = consoles.enumerated().map { index, console in
            ConsoleDescriptor(
                id: UInt16(index), name: console.name, kind: console.kind, port: "board-script:\(fileName)",
                settings: SerialSettings(baud: console.baud))
        }
        let header = SessionHeader(
            toolVersion: AmpScopeVersion.string, host: "board-script", monotonicAnchor: monotonicAnchor,
            wallClockNanoseconds: wallClockNanoseconds, consoles: descriptors,
            commandLine: ["ampscope", "board-script", fileName])
        let writer = try SessionWriter(directory: sessionDirectory, header: header)
        var sequence: UInt64 = 0
        for descriptor in descriptors {
            writer.append(.control(ControlRecord(
                kind: .opened, console: descriptor.id, sequence: sequence, time: monotonicAnchor,
                detail: "board script \(fileName)", settings: descriptor.settings)))
            sequence += 1
        }
        for output in outputs {
            writer.append(.chunk(Chunk(
                console: UInt16(output.console), sequence: sequence, time: monotonicAnchor + output.time, bytes: output.bytes)))
            sequence += 1
            if writer.hasPendingBytes, sequence % 1024 == 0 { try writer.flush() }
        }
        try writer.close()
        return header
    }
}

/// A mistake in a board script: where it is and what was expected there.
public struct BoardScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line == 0 ? "\(file): \(message)" : "\(file):\(line):\(column): \(message)"
    }
}
