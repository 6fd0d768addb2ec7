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
/// `fileDescriptor` for readable, then take `events()`.
public final class HotplugMonitor {
    private let udev: Udev
    private let monitor: UdevMonitor

    public init() throws(DeviceError) {
        do {
            udev = try Udev()
            // Without udevd (containers, minimal systems) its "udev" events never come, but the
            // kernel's own do; a node that is not openable yet is retried by the capture.
            monitor = try udev.monitor(source: FileAccess.exists("/run/udev/control") ? "udev" : "kernel")
        } catch {
            throw .udevUnavailable(error.reason)
        }
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
