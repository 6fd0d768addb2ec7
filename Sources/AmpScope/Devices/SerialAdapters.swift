/// Lists the serial ports with the identity of the adapter behind each, through libudev
/// (which reads /sys directly and needs no udev daemon).
public enum SerialAdapters {
    /// USB adapters (ttyUSB*, ttyACM*, anything with a USB parent) and on-board UARTs that
    /// answer, ttyUSB2 before ttyUSB10.
    public static func list() throws(DeviceError) -> [SerialAdapter] {
        let adapters: [SerialAdapter]
        do {
            adapters = try Udev().ttyDevices().compactMap(adapter(from:))
        } catch {
            throw .udevUnavailable(error.reason)
        }
        return adapters.sorted { PortInventory.naturalOrder(SerialAdapter.baseName($0.node), SerialAdapter.baseName($1.node)) }
    }

    /// nil for virtual terminals, ptmx, console and 8250 slots with no UART behind them.
    static func adapter(from tty: UdevTTY) -> SerialAdapter? {
        let name = tty.sysName
        let onUSB = !tty.usbDevice.isEmpty
        let isSerialName = name.hasPrefix("ttyUSB") || name.hasPrefix("ttyACM")
        let isUART = (name.hasPrefix("ttyS") || name.hasPrefix("ttymxc") || name.hasPrefix("ttyAMA"))
            && PortInventory.isRealUART(name)
        guard onUSB || isSerialName || isUART else { return nil }
        let node = tty.devNode ?? "/dev/\(name)"
        return SerialAdapter(
            node: node,
            byID: byIDLink(tty),
            usbPath: tty.properties["ID_PATH"],
            vendorID: tty.usbDevice["idVendor"]?.lowercased(),
            productID: tty.usbDevice["idProduct"]?.lowercased(),
            manufacturer: nonEmpty(tty.usbDevice["manufacturer"]),
            product: nonEmpty(tty.usbDevice["product"]),
            serial: nonEmpty(tty.usbDevice["serial"]),
            interfaceNumber: tty.interfaceNumber.flatMap { Int($0, radix: 16) },
            driver: tty.interfaceDriver ?? tty.portDriver ?? tty.properties["ID_USB_DRIVER"],
            latencyTimer: tty.latencyTimer.flatMap { Int($0) },
            latencyTimerPath: tty.latencyTimer == nil ? nil : tty.portSysPath.map { $0 + "/latency_timer" })
    }

    /// From udev's devlinks (or the DEVLINKS property where there is no udev database), else by
    /// scanning /dev/serial/by-id for a link whose target has the tty's name. Only the target's
    /// last component is compared: under umockdev the links point into the testbed folder.
    static func byIDLink(_ tty: UdevTTY) -> String? {
        let prefix = "/dev/serial/by-id/"
        if let links = tty.properties["DEVLINKS"],
           let link = links.split(separator: " ").first(where: { $0.hasPrefix(prefix) }) {
            return String(link)
        }
        for name in FileSystemProbe.entries(of: "/dev/serial/by-id").sorted() {
            if let target = FileSystemProbe.symlinkTarget(prefix + name), SerialAdapter.baseName(target) == tty.sysName {
                return prefix + name
            }
        }
        return nil
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
