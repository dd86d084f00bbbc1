// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "casebook", targets: ["casebook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(name: "CasebookYAML", dependencies: ["CYAML"]),
        .target(name: "CasebookCore", dependencies: ["CasebookYAML"]),
        .target(name: "CasebookTestSupport", dependencies: ["CasebookCore", "CasebookYAML"]),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "casebookTests", dependencies: ["casebook", "CasebookTestSupport"]),
        .testTarget(name: "CasebookYAMLTests", dependencies: ["CasebookYAML", "CasebookTestSupport"]),
        .testTarget(
            name: "CasebookCoreTests",
            dependencies: ["CasebookCore", "CasebookYAML", "CasebookTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
