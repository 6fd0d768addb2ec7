// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ampscope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ampscope", targets: ["ampscope"]),
        .library(name: "AmpScope", targets: ["AmpScope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The few C calls Swift cannot make directly (variadic ioctl, termios2, async-signal-safe handlers).
        .target(name: "CAmpScopeShims"),
        // libudev, for Devices/ only: adapter enumeration and the hotplug monitor.
        .systemLibrary(name: "CUdev", path: "Sources/CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .target(
            name: "AmpScope",
            dependencies: [
                "CAmpScopeShims",
                "CUdev",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "ampscope",
            dependencies: [
                "AmpScope",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AmpScopeTests",
            dependencies: ["AmpScope", "CAmpScopeShims"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
