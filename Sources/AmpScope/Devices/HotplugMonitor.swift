/// An adapter plugged in or pulled out, as udev announced it.
public struct HotplugEvent: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case added
        case removed
    }

    public var action: Action
    /// On removal only the node is sure to be known: the USB parents are gone already.
    public var adapter: SerialAdapter
}

/// Tells when serial adapters come and go, from udev's netlink events: no polling. Poll
/// `fileDescriptor` for readable, then take `events()`. Where no udev daemon runs, it opens
/// but never reports (callers keep a fallback for ports udev does not know).
public final class HotplugMonitor {
    private let udev: Udev
    private let monitor: UdevMonitor

    public init() throws(DeviceError) {
        udev = try Udev()
        monitor = try udev.monitor()
    }

    public var fileDescriptor: Int32 { monitor.fileDescriptor }

    /// Every event queued now (none when the socket is empty); ttys that are not serial ports skipped.
    public func events() -> [HotplugEvent] {
        var events: [HotplugEvent] = []
        while let tty = monitor.receive() {
            let action: HotplugEvent.Action
            switch tty.action {
            case "add": action = .added
            case "remove": action = .removed
            default: continue
            }
            if let adapter = SerialAdapters.adapter(from: tty) {
                events.append(HotplugEvent(action: action, adapter: adapter))
            } else if action == .removed, let node = tty.devNode {
                events.append(HotplugEvent(action: action, adapter: SerialAdapter(node: node)))
            }
        }
        return events
    }
}
