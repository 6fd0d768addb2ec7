/// Lays out the interleaved live view: every line starts with the seconds since the capture
/// began and its console's label; a line still being printed (a prompt, a slow line) shows at
/// once and, if another console interrupts it, continues later under a `…` label.
public struct LiveFormatter: Sendable {
    public let labels: [String]
    public let useColor: Bool
    public let origin: UInt64
    private var openOnScreen: Int?
    /// A one-line prompt (marker text being typed) sits on the last screen line.
    private var promptShown = false
    private var midLine: [Bool]
    private var pendingCR: [Bool]
    private let labelWidth: Int

    static let palette = AnsiPalette.consoles
    static let dim = AnsiPalette.dim
    static let reset = AnsiPalette.reset

    public init(labels: [String], useColor: Bool, origin: UInt64) {
        self.labels = labels
        self.useColor = useColor
        self.origin = origin
        midLine = Array(repeating: false, count: labels.count)
        pendingCR = Array(repeating: false, count: labels.count)
        labelWidth = labels.map(\.count).max() ?? 2
    }

    public mutating func render(console: Int, time: UInt64, bytes: some Collection<UInt8>) -> String {
        var output = clearPrompt()
        var segment: [UInt8] = []
        func emitSegment() {
            guard !segment.isEmpty else { return }
            startLineIfNeeded(console: console, time: time, into: &output)
            output += LineText.render(segment).text
            midLine[console] = true
            segment.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            if pendingCR[console] {
                pendingCR[console] = false
                if byte != 0x0A {
                    emitSegment()
                    endLine(console: console, time: time, into: &output)
                }
            }
            switch byte {
            case 0x0A:
                emitSegment()
                endLine(console: console, time: time, into: &output)
            case 0x0D:
                pendingCR[console] = true
            default:
                segment.append(byte)
            }
        }
        emitSegment()
        return output
    }

    /// A line from ampscope itself (hangups, markers, keyboard switches).
    public mutating func notice(_ text: String, time: UInt64) -> String {
        var output = clearPrompt()
        if openOnScreen != nil {
            output += "\n"
            openOnScreen = nil
        }
        let stamp = Self.seconds(time, origin: origin)
        let body = "\(stamp) \(String(repeating: " ", count: labelWidth)) ── \(text)"
        output += useColor ? Self.dim + body + Self.reset + "\n" : body + "\n"
        return output
    }

    /// A finding of the live diagnosis: a headline in the severity's colour, what happened under it.
    mutating func finding(_ finding: LiveFindingText, time: UInt64) -> String {
        var output = clearPrompt()
        if openOnScreen != nil {
            output += "\n"
            openOnScreen = nil
        }
        let stamp = Self.seconds(time, origin: origin)
        let indent = String(repeating: " ", count: stamp.count + labelWidth + 2)
        let marker = "!!"
        if useColor {
            let color = switch finding.severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .info: "\u{1B}[1m"
            }
            output += "\(Self.dim)\(stamp)\(Self.reset) \(String(repeating: " ", count: labelWidth)) \(color)\(marker) \(finding.headline)\(Self.reset)\n"
        } else {
            output += "\(stamp) \(String(repeating: " ", count: labelWidth)) \(marker) \(finding.headline)\n"
        }
        output += "\(indent)   \(finding.message)\n"
        return output
    }

    /// Shows `text` on a line of its own that the next prompt or output replaces, so typing a
    /// marker redraws one line instead of printing one per key.
    public mutating func prompt(_ text: String) -> String {
        var output = clearPrompt()
        if openOnScreen != nil {
            output += "\n"
            openOnScreen = nil
        }
        output += useColor ? Self.dim + text + Self.reset : text
        promptShown = true
        return output
    }

    private mutating func clearPrompt() -> String {
        guard promptShown else { return "" }
        promptShown = false
        return "\r\u{1B}[K"
    }

    /// Ends whatever line is open, before the capture's closing summary.
    public mutating func close() -> String {
        defer { openOnScreen = nil }
        return clearPrompt() + (openOnScreen == nil ? "" : "\n")
    }

    private mutating func startLineIfNeeded(console: Int, time: UInt64, into output: inout String) {
        if openOnScreen == console { return }
        if openOnScreen != nil { output += "\n" }
        let label = labels[console].padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        let mark = midLine[console] ? "…" : "│"
        let stamp = Self.seconds(time, origin: origin)
        if useColor {
            let color = Self.palette[console % Self.palette.count]
            output += "\(Self.dim)\(stamp)\(Self.reset) \(color)\(label)\(Self.reset) \(Self.dim)\(mark)\(Self.reset) "
        } else {
            output += "\(stamp) \(label) \(mark) "
        }
        openOnScreen = console
    }

    private mutating func endLine(console: Int, time: UInt64, into output: inout String) {
        if openOnScreen != console {
            // An empty line, or the end of a line another console interrupted.
            startLineIfNeeded(console: console, time: time, into: &output)
        }
        output += "\n"
        openOnScreen = nil
        midLine[console] = false
    }

    /// Rounded to the millisecond as findings and reports round capture times, so one line reads the same everywhere.
    static func seconds(_ time: UInt64, origin: UInt64) -> String {
        let nanoseconds = Int64(bitPattern: time &- origin)
        let milliseconds = (nanoseconds + (nanoseconds >= 0 ? 500_000 : -500_000)) / 1_000_000
        let whole = String(milliseconds / 1000)
        let fraction = String(abs(milliseconds % 1000))
        let padded = String(repeating: " ", count: Swift.max(0, 6 - whole.count)) + whole
        return padded + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
