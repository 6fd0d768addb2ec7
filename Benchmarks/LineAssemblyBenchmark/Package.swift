// swift-tools-version:6.0
// Not part of the main build: `swift run -c release` in this folder.
import PackageDescription

let package = Package(
    name: "LineAssemblyBenchmark",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ampscope", path: "../..")],
    targets: [
        .executableTarget(
            name: "LineAssemblyBenchmark",
            dependencies: [.product(name: "AmpScope", package: "ampscope")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
