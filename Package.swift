// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "casebook", targets: ["casebook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "CasebookYAML", dependencies: ["CYAML"]),
        .target(name: "CasebookCore", dependencies: ["CasebookYAML", "CXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "CasebookGit", dependencies: ["CGit2", "CasebookCore"]),
        .target(
            name: "CasebookStore",
            dependencies: [
                "CasebookCore",
                "CSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "CasebookServer",
            dependencies: [
                "CasebookCore",
                "CasebookYAML",
                "CasebookGit",
                "CasebookStore",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            resources: [.embedInCode("Resources/openapi.yaml")]
                + [
                    "header.mustache", "footer.mustache", "tabs.mustache", "home.mustache", "login.mustache", "error.mustache", "cases.mustache",
                    "case.mustache", "group.mustache", "shared-steps.mustache", "plans.mustache", "plan.mustache", "findings.mustache",
                    "diff.mustache", "fieldchanges.mustache", "stepchanges.mustache", "words.mustache", "runs.mustache", "run.mustache",
                    "requirements.mustache", "account.mustache", "users.mustache", "audit.mustache", "reference.mustache", "runner.mustache",
                    "my-work.mustache", "new-run.mustache", "executions.mustache", "report.mustache", "casebook.css",
                    "casebook.js", "favicon.svg",
                ]
                .map { .embedInCode("Resources/web/\($0)") }
        ),
        .target(name: "CasebookTestSupport", dependencies: ["CasebookCore", "CasebookYAML"]),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                "CasebookGit",
                "CasebookServer",
                "CasebookStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: ["case", "casebook", "group", "plan", "shared-steps"].map { .embedInCode("Resources/\($0).schema.json") },
            // mimalloc replaces glibc's malloc in the whole process: loading 100,000 case files
            // makes millions of small allocations, and it spends about 8% less CPU on them.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // The parsers of outside input under libFuzzer (`make fuzz`); built without it, it runs
        // files through them (a corpus, a crash found before).
        .executableTarget(
            name: "casebook-fuzz",
            dependencies: [
                "CasebookCore", "CasebookServer", "CasebookTestSupport", "CasebookYAML",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "casebookTests",
            dependencies: [
                "casebook", "casebook-fuzz", "CasebookCore", "CasebookStore", "CasebookTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["FuzzFindings", "Imports"]
        ),
        .testTarget(name: "CasebookYAMLTests", dependencies: ["CasebookYAML", "CasebookTestSupport"]),
        .testTarget(
            name: "CasebookCoreTests",
            dependencies: ["CasebookCore", "CasebookYAML", "CasebookTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CasebookGitTests", dependencies: ["CasebookGit", "CasebookCore", "CasebookTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "CasebookStoreTests", dependencies: ["CasebookStore", "CasebookCore", "CasebookTestSupport", "CSQLite"]),
        .testTarget(
            name: "CasebookServerTests",
            dependencies: [
                "CasebookServer",
                "CasebookGit",
                "CasebookCore",
                "CasebookStore",
                "CasebookTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
