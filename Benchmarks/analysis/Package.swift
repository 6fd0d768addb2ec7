// swift-tools-version:6.0
import PackageDescription

// The analysis benchmark's driver: a release executable that runs the library's analysis path
// (LogImporter → LineAssembler.scan → Classifier) over a file, so the benchmark measures exactly
// that path until `ampscope timeline --json` exists.
let package = Package(
    name: "analysis-benchmark",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ampscope", path: "../..")],
    targets: [
        .executableTarget(
            name: "analysis-driver",
            dependencies: [.product(name: "AmpScope", package: "ampscope")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
