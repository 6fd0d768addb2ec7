/// What a console is connected to, as recorded in the session header.
public enum ConsoleKind: String, Sendable, Hashable, Codable {
    case application       // A-core: U-Boot, then Linux
    case microcontroller   // M-core: FreeRTOS, rpmsg-lite, Zephyr, bare metal
    case unknown

    /// `a7` and `m4`-like names imply the core; anything else stays unknown.
    public static func inferred(forName name: String) -> ConsoleKind {
        let lower = name.lowercased()
        if ["a7", "a9", "a53", "a35", "a55", "a72", "linux", "uboot", "u-boot", "host", "ap", "acore", "a-core"].contains(lower) {
            return .application
        }
        if ["m4", "m7", "m33", "m0", "mcu", "rtos", "mcore", "m-core", "cm4", "cm7"].contains(lower) {
            return .microcontroller
        }
        return .unknown
    }
}
