/// Turns keystrokes into actions: plain keys go to the console that has the keyboard;
/// Ctrl-T starts a hotkey (as in tio, so Ctrl-A stays free for U-Boot and shells).
public struct KeyboardRouter: Sendable {
    public static let escapeKey: UInt8 = 0x14  // Ctrl-T

    public enum Action: Sendable, Equatable {
        case send(console: Int, bytes: [UInt8])
        case switchTo(console: Int)
        case marker(String)
        case markerPrompt(String)
        case sendBreak(console: Int)
        case help
        case quit
    }

    public let consoleCount: Int
    public private(set) var target = 0
    private var afterEscape = false
    private var markerText: [UInt8]?

    public init(consoleCount: Int) {
        self.consoleCount = consoleCount
    }

    public static let helpText = """
        Keys: everything you type goes to the console marked with the keyboard.
          Ctrl-T s   switch the keyboard to the next console   Ctrl-T 1..9  to console N
          Ctrl-T m   insert a marker (type its text, Enter)   Ctrl-T b     send a break
          Ctrl-T c   send Ctrl-C to the console                Ctrl-T t     send Ctrl-T
          Ctrl-T q   quit (Ctrl-C quits too)                   Ctrl-T h     this help
        """

    public mutating func handle(_ bytes: [UInt8]) -> [Action] {
        var actions: [Action] = []
        var pending: [UInt8] = []
        func flushPending() {
            if !pending.isEmpty {
                actions.append(.send(console: target, bytes: pending))
                pending.removeAll()
            }
        }
        for byte in bytes {
            if var text = markerText {
                switch byte {
                case 0x0D, 0x0A:
                    markerText = nil
                    actions.append(.marker(String(decoding: text, as: UTF8.self)))
                case 0x1B:
                    markerText = nil
                    actions.append(.markerPrompt("marker cancelled"))
                case 0x7F, 0x08:
                    if !text.isEmpty { text.removeLast() }
                    markerText = text
                    actions.append(.markerPrompt(String(decoding: text, as: UTF8.self)))
                default:
                    if byte >= 0x20 { text.append(byte) }
                    markerText = text
                    actions.append(.markerPrompt(String(decoding: text, as: UTF8.self)))
                }
                continue
            }
            if afterEscape {
                afterEscape = false
                switch byte {
                case UInt8(ascii: "s"), 0x09:
                    flushPending()
                    target = (target + 1) % consoleCount
                    actions.append(.switchTo(console: target))
                case UInt8(ascii: "1")...UInt8(ascii: "9"):
                    let index = Int(byte - UInt8(ascii: "1"))
                    if index < consoleCount {
                        flushPending()
                        target = index
                        actions.append(.switchTo(console: target))
                    }
                case UInt8(ascii: "m"):
                    flushPending()
                    markerText = []
                    actions.append(.markerPrompt(""))
                case UInt8(ascii: "b"):
                    flushPending()
                    actions.append(.sendBreak(console: target))
                case UInt8(ascii: "c"):
                    pending.append(0x03)
                case UInt8(ascii: "t"), KeyboardRouter.escapeKey:
                    pending.append(KeyboardRouter.escapeKey)
                case UInt8(ascii: "q"):
                    flushPending()
                    actions.append(.quit)
                    return actions
                default:
                    flushPending()
                    actions.append(.help)
                }
                continue
            }
            if byte == KeyboardRouter.escapeKey {
                afterEscape = true
                continue
            }
            pending.append(byte)
        }
        flushPending()
        return actions
    }
}
