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
        // libudev, for Devices/ only (adapter enumeration, the hotplug monitor), loaded at run time:
        // building needs no libudev headers, and a machine without libudev gets a clear error.
        .target(name: "CUdevLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "AmpScope",
            dependencies: [
                "CAmpScopeShims",
                "CUdevLoader",
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Yams", package: "Yams"),
            ],
            // parsers/*.yaml, parsers/rules/ and parsers/boards/ as string constants: the YAML is
            // the only copy of the knowledge, and the binary needs no resource folder beside it.
            plugins: ["EmbedKnowledge"]
        ),
        // The build-time tool and plugin behind AmpScope's built-in definitions, rules and boards.
        .executableTarget(name: "KnowledgeEmbedder"),
        .plugin(name: "EmbedKnowledge", capability: .buildTool(), dependencies: ["KnowledgeEmbedder"]),
        .executableTarget(
            name: "ampscope",
            dependencies: [
                "AmpScope",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Code both test targets use: the built tool, PTYs, scratch sessions, the one wait helper.
        .target(
            name: "AmpScopeTestSupport",
            dependencies: ["AmpScope", "CAmpScopeShims"],
            path: "Tests/AmpScopeTestSupport"
        ),
        // Fast: no pseudo-terminal, emulator, browser, ser2net or umockdev.
        // Also the command line itself (`ampscope`): its help texts, examples and options table.
        .testTarget(
            name: "AmpScopeTests",
            dependencies: [
                "AmpScope", "CAmpScopeShims", "AmpScopeTestSupport", "ampscope",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Real parts: PTYs, umockdev, ser2net, headless Chromium, QEMU.
        .testTarget(
            name: "AmpScopeIntegrationTests",
            dependencies: ["AmpScope", "CAmpScopeShims", "AmpScopeTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
