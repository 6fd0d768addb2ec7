/// One serial port as the system sees it: its node, the stable names udev gives it, and the
/// USB adapter behind it (empty for on-board UARTs and PTYs).
public struct SerialAdapter: Sendable, Hashable, Codable {
    /// /dev/ttyUSB0
    public var node: String
    /// Full /dev/serial/by-id/... link, when udev made one.
    public var byID: String?
    /// udev's ID_PATH: the USB port the adapter is plugged into (pci-0000:00:14.0-usb-0:1:1.0).
    public var usbPath: String?
    /// Four hex digits, lower case, as sysfs has them.
    public var vendorID: String?
    public var productID: String?
    public var manufacturer: String?
    public var product: String?
    public var serial: String?
    /// bInterfaceNumber as a number (0 for single-port adapters, 0…3 on an FT4232H).
    public var interfaceNumber: Int?
    /// Kernel driver of the USB interface: ftdi_sio, cp210x, ch341, pl2303, cdc_acm.
    public var driver: String?
    /// FTDI latency timer in ms (sysfs latency_timer); nil for chips without one.
    public var latencyTimer: Int?
    /// The sysfs latency_timer file, when the chip has one.
    public var latencyTimerPath: String?

    public init(
        node: String, byID: String? = nil, usbPath: String? = nil, vendorID: String? = nil, productID: String? = nil,
        manufacturer: String? = nil, product: String? = nil, serial: String? = nil, interfaceNumber: Int? = nil,
        driver: String? = nil, latencyTimer: Int? = nil, latencyTimerPath: String? = nil
    ) {
        self.node = node
        self.byID = byID
        self.usbPath = usbPath
        self.vendorID = vendorID
        self.productID = productID
        self.manufacturer = manufacturer
        self.product = product
        self.serial = serial
        self.interfaceNumber = interfaceNumber
        self.driver = driver
        self.latencyTimer = latencyTimer
        self.latencyTimerPath = latencyTimerPath
    }

    /// "0403:6001", or nil when not on USB.
    public var usbID: String? {
        guard let vendorID, let productID else { return nil }
        return "\(vendorID):\(productID)"
    }

    /// One line for error messages: "/dev/ttyUSB0 0403:6001 FTDI FT232R USB UART serial A50285BI".
    public var summary: String {
        var parts = [node]
        if let usbID { parts.append(usbID) }
        let name = [manufacturer, product].compactMap { $0 }.joined(separator: " ")
        if !name.isEmpty { parts.append(name) }
        if let serial { parts.append("serial \(serial)") }
        if let interfaceNumber, interfaceNumber > 0 { parts.append("if\(interfaceNumber)") }
        return parts.joined(separator: " ")
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
