/// Values of an identifying shape that identify nobody, as data: a board's default host name
/// (what its vendor image sets, the same on every unit), system users, public project domains,
/// loopback and broadcast addresses. Redacting them would only make the report harder to read.
enum RedactionKeepList {
    /// Host names vendor images set: Toradex BSPs (`MACHINE`), NXP Yocto (`imx7d-sdb`),
    /// OpenSTLinux (`stm32mp1`), TI Processor SDK (`am62xx-evm`), BeagleBoard and Raspberry Pi OS.
    /// Toradex appends the module's serial (`colibri-imx7-emmc-06612345`): that stays a default
    /// name whose serial is redacted (`defaultHostSerial`).
    static let boardHostNames: Set<String> = [
        "colibri-imx6", "colibri-imx6ull", "colibri-imx6ull-emmc", "colibri-imx7", "colibri-imx7-emmc", "colibri-imx8x",
        "colibri-vf", "apalis-imx6", "apalis-imx8", "apalis-imx8x", "verdin-imx8mm", "verdin-imx8mp", "verdin-am62",
        "aquila-am69", "imx6qsabresd", "imx6sxsabresd", "imx6ulevk", "imx7d-sdb", "imx7dsabresd", "imx7ulpevk",
        "imx8mmevk", "imx8mnevk", "imx8mpevk", "imx8mqevk", "imx8qmmek", "imx8qxpmek", "imx8ulpevk", "imx93evk",
        "imx95evk", "stm32mp1", "stm32mp15-disco", "stm32mp157f-dk2", "stm32mp2", "am335x-evm", "am57xx-evm",
        "am62xx-evm", "am62axx-evm", "am64xx-evm", "am65xx-evm", "j721e-evm", "beaglebone", "BeagleBone",
        "raspberrypi", "qemuarm", "qemuarm64", "buildroot", "localhost", "localhost.localdomain", "(none)",
    ]

    /// Users every image has; a home or prompt with one of them says nothing about who ran it.
    static let systemUsers: Set<String> = [
        "root", "nobody", "daemon", "torizon", "weston", "debian",
        // Service folders under /srv, not people: `nfsroot=10.0.0.2:/srv/rootfs`.
        "tftp", "nfs", "rootfs", "ftp", "www", "http", "git",
    ]

    /// Projects and vendors whose public addresses appear in banners and firmware output.
    static let publicDomains: [String] = [
        "kernel.org", "freedesktop.org", "systemd.io", "debian.org", "ubuntu.com", "yoctoproject.org",
        "openembedded.org", "toradex.com", "nxp.com", "st.com", "ti.com", "github.com", "gitlab.com", "freertos.org",
        "zephyrproject.org", "denx.de", "u-boot.org", "gnu.org", "busybox.net", "example.com", "example.org", "example.net",
    ]

    /// Last labels that make a dotted word a domain name. Short country codes that are also file
    /// suffixes (`.sh`, `.py`, `.so`, `.in`, `.it`, `.ko`) are left out: file names are far more common in console output.
    static let domainEndings = [
        "com", "net", "org", "edu", "gov", "mil", "io", "de", "uk", "fr", "nl", "ch", "eu", "us", "ca", "au", "jp", "cn",
        "local", "lan", "home", "corp", "internal", "intranet", "localdomain",
    ]

    static func keeps(_ value: String, kind: RedactionKind) -> Bool {
        switch kind {
        case .mac:
            let normalized = RedactionPattern.normalizedMAC(value)
            return normalized == "000000000000" || normalized == "ffffffffffff"
        case .ip:
            return value == "::" || value == "::1" || value == "0.0.0.0" || value.hasPrefix("127.") || value.hasPrefix("255.")
        case .host:
            if boardHostNames.contains(value) || defaultHostSerial(value) != nil || value == "Last" { return true }
            if isIPv4(value) { return true }
            let lowered = value.lowercased()
            return publicDomains.contains { lowered == $0 || lowered.hasSuffix("." + $0) }
        case .user:
            return systemUsers.contains(value)
        case .email:
            // Documentation addresses (RFC 2606) only: a real person's address goes whatever its domain.
            let domain = value.split(separator: "@").last.map { $0.lowercased() } ?? ""
            return ["example.com", "example.org", "example.net"].contains(domain)
        case .serial, .secret:
            return false
        }
    }

    /// `colibri-imx7-emmc-06612345`: a default host name with the unit's serial appended; the serial.
    static func defaultHostSerial(_ name: String) -> String? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let serial = name[name.index(after: dash)...]
        guard serial.count >= 4, serial.allSatisfy({ $0.isASCII && $0.isNumber }), boardHostNames.contains(String(name[..<dash])) else { return nil }
        return String(serial)
    }

    private static func isIPv4(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }
}
