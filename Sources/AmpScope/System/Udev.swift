import CUdevLoader
#if canImport(Glibc)
import Glibc
#endif

/// libudev could not be loaded or used; `reason` says which call failed and how.
struct UdevUnavailable: Error {
    let reason: String
}

/// Everything libudev says about one tty and its USB ancestors, copied out into plain values so
/// no libudev pointer leaves this file.
struct UdevTTY: Sendable, Equatable {
    var sysName: String
    var sysPath: String
    var devNode: String?
    /// udev properties of the tty (DEVLINKS, ID_PATH, ID_SERIAL_SHORT, ...).
    var properties: [String: String]
    /// Attributes of the `usb_device` ancestor: idVendor, idProduct, manufacturer, product, serial.
    var usbDevice: [String: String]
    var interfaceNumber: String?
    /// Driver bound to the USB interface (ftdi_sio, cp210x, ch341, pl2303, cdc_acm).
    var interfaceDriver: String?
    /// The usb-serial port device (FTDI's latency_timer lives there); nil for cdc_acm and non-USB ttys.
    var portSysPath: String?
    var portDriver: String?
    var latencyTimer: String?
    /// "add", "remove", ... for monitor events; nil for enumeration.
    var action: String?
}

/// The libudev library context, loaded at run time (CUdevLoader). Every libudev call of the
/// project is in this file.
final class Udev {
    private let handle: OpaquePointer

    init() throws(UdevUnavailable) {
        if let failure = ampscope_udev_load() { throw UdevUnavailable(reason: String(cString: failure)) }
        guard let udev = ampscope_udev_new() else { throw UdevUnavailable(reason: "udev_new failed: \(errnoText(errno))") }
        handle = udev
    }

    deinit { ampscope_udev_unref(handle) }

    /// Every device of subsystem tty, in the order libudev lists them.
    func ttyDevices() throws(UdevUnavailable) -> [UdevTTY] {
        guard let enumerate = ampscope_udev_enumerate_new(handle) else {
            throw UdevUnavailable(reason: "udev_enumerate_new failed: \(errnoText(errno))")
        }
        defer { ampscope_udev_enumerate_unref(enumerate) }
        ampscope_udev_enumerate_add_match_subsystem(enumerate, "tty")
        let status = ampscope_udev_enumerate_scan_devices(enumerate)
        guard status >= 0 else { throw UdevUnavailable(reason: "scanning /sys for tty devices failed: \(errnoText(-status))") }
        var devices: [UdevTTY] = []
        var entry = ampscope_udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            if let name = ampscope_udev_list_entry_get_name(current),
               let device = ampscope_udev_device_new_from_syspath(handle, name) {
                devices.append(Self.describe(device))
                ampscope_udev_device_unref(device)
            }
            entry = ampscope_udev_list_entry_get_next(current)
        }
        return devices
    }

    /// A netlink monitor for tty add/remove events: from udevd ("udev", after its rules set
    /// permissions and links) or straight from the kernel ("kernel", where no udevd runs).
    func monitor(source: String) throws(UdevUnavailable) -> UdevMonitor {
        guard let monitor = ampscope_udev_monitor_new_from_netlink(handle, source) else {
            throw UdevUnavailable(reason: "udev_monitor_new_from_netlink failed: \(errnoText(errno))")
        }
        ampscope_udev_monitor_filter_add_match_subsystem_devtype(monitor, "tty", nil)
        let status = ampscope_udev_monitor_enable_receiving(monitor)
        guard status >= 0 else {
            ampscope_udev_monitor_unref(monitor)
            throw UdevUnavailable(reason: "udev_monitor_enable_receiving failed: \(errnoText(-status))")
        }
        return UdevMonitor(handle: monitor)
    }

    fileprivate static func describe(_ device: OpaquePointer) -> UdevTTY {
        var properties: [String: String] = [:]
        var entry = ampscope_udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = ampscope_udev_list_entry_get_name(current) {
                properties[String(cString: name)] = ampscope_udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            entry = ampscope_udev_list_entry_get_next(current)
        }
        // udevd's database knows the devlinks; under umockdev (no database) only DEVLINKS has them.
        var links: [String] = []
        var link = ampscope_udev_device_get_devlinks_list_entry(device)
        while let current = link {
            if let name = ampscope_udev_list_entry_get_name(current) { links.append(String(cString: name)) }
            link = ampscope_udev_list_entry_get_next(current)
        }
        if !links.isEmpty && properties["DEVLINKS"] == nil { properties["DEVLINKS"] = links.joined(separator: " ") }

        var tty = UdevTTY(
            sysName: text(ampscope_udev_device_get_sysname(device)) ?? "",
            sysPath: text(ampscope_udev_device_get_syspath(device)) ?? "",
            devNode: text(ampscope_udev_device_get_devnode(device)),
            properties: properties, usbDevice: [:])
        tty.action = text(ampscope_udev_device_get_action(device))
        // Parents returned by libudev belong to the child: no unref.
        if let usb = ampscope_udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") {
            for name in ["idVendor", "idProduct", "manufacturer", "product", "serial"] {
                if let value = attribute(usb, name) { tty.usbDevice[name] = value }
            }
        }
        if let interface = ampscope_udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_interface") {
            tty.interfaceNumber = attribute(interface, "bInterfaceNumber")
            tty.interfaceDriver = text(ampscope_udev_device_get_driver(interface))
        }
        if let port = ampscope_udev_device_get_parent_with_subsystem_devtype(device, "usb-serial", nil) {
            tty.portSysPath = text(ampscope_udev_device_get_syspath(port))
            tty.portDriver = text(ampscope_udev_device_get_driver(port))
            tty.latencyTimer = attribute(port, "latency_timer")
        }
        return tty
    }

    private static func attribute(_ device: OpaquePointer, _ name: String) -> String? {
        // Real sysfs values end in a newline; umockdev's do not.
        guard let raw = text(ampscope_udev_device_get_sysattr_value(device, name)) else { return nil }
        return String(raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// A udev monitor: poll `fileDescriptor` for readable, then `receive()`.
final class UdevMonitor {
    private let handle: OpaquePointer

    fileprivate init(handle: OpaquePointer) { self.handle = handle }

    deinit { ampscope_udev_monitor_unref(handle) }

    var fileDescriptor: Int32 { ampscope_udev_monitor_get_fd(handle) }

    /// The next pending event, nil when none is queued (the socket is non-blocking).
    func receive() -> UdevTTY? {
        guard let device = ampscope_udev_monitor_receive_device(handle) else { return nil }
        defer { ampscope_udev_device_unref(device) }
        return Udev.describe(device)
    }
}
