// swift-tools-version:6.0
import PackageDescription

// Layers, arrows pointing one way (see ARCHITECTURE.md):
//   Utilities (no dependencies; usable by every layer)
//   C libraries (CZ3, COpenBLAS) -> thin wrappers (Z3Kit, BLASKit)
//   -> languages (Diagnostics, SpecLanguage, ProtocolLanguage) -> Game -> Checking -> Search (+ Encoder, Compaction) -> ggms (the command line)
//   Interchange (Promela export, schedule files) sits beside Checking, over Game
//   Records (run records, versions, exit codes) sits over Search, under ggms
//   Bench (the benchmark harness: child runs, statistics, reports) sits over Records, under ggms
let package = Package(
    name: "ggms",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ggms", targets: ["ggms"]),
        .executable(name: "ggms-fuzz", targets: ["ggms-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CZ3", pkgConfig: "z3", providers: [.apt(["libz3-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .target(name: "Utilities"),
        .target(name: "Z3Kit", dependencies: ["CZ3"]),
        .target(name: "BLASKit", dependencies: ["COpenBLAS"]),
        .target(name: "Diagnostics"),
        .target(name: "GameCore"),
        .target(name: "SpecLanguage", dependencies: ["GameCore", "Diagnostics", "Z3Kit", "Utilities"]),
        .target(name: "ProtocolLanguage", dependencies: ["Diagnostics", "Utilities"]),
        .target(name: "Game", dependencies: ["GameCore", "SpecLanguage", "ProtocolLanguage"]),
        .target(name: "Checking", dependencies: ["Game", "SpecLanguage", "ProtocolLanguage", "Diagnostics", "Z3Kit", "Utilities"]),
        .target(name: "Encoder", dependencies: ["BLASKit", "Utilities"]),
        .target(name: "Compaction", dependencies: ["Game", "ProtocolLanguage"]),
        .target(name: "Search", dependencies: ["Checking", "Game", "SpecLanguage", "ProtocolLanguage", "Encoder", "Compaction", "Z3Kit", "Diagnostics", "Utilities"]),
        // Files exchanged with people and other tools: Promela models out, schedules in.
        .target(name: "Interchange", dependencies: ["Game", "SpecLanguage", "ProtocolLanguage", "Z3Kit", "Diagnostics"]),
        // The records ggms writes and reads back (run records, versions, exit codes).
        .target(name: "Records", dependencies: ["Search", "Game", "SpecLanguage", "Diagnostics", "BLASKit", "Z3Kit"]),
        // The benchmark harness behind `ggms bench`: child runs, statistics, bench.md/csv/svg.
        .target(name: "Bench", dependencies: ["Records", "Search", "Checking", "SpecLanguage", "GameCore", "Diagnostics", "Utilities"]),
        .executableTarget(name: "ggms", dependencies: [
            "Bench", "Records", "Interchange", "Search", "Encoder", "Compaction", "Checking", "Game", "SpecLanguage", "ProtocolLanguage", "Diagnostics",
            "BLASKit", "Z3Kit", "Utilities", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // In-process fuzzing of the two readers (README "Fuzzing the readers").
        .target(name: "ReaderFuzzing", dependencies: ["Diagnostics", "SpecLanguage", "ProtocolLanguage"]),
        .executableTarget(name: "ggms-fuzz", dependencies: [
            "ReaderFuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: ["Game", "SpecLanguage", "ProtocolLanguage", "Utilities"], path: "Tests/TestSupport"),
        .testTarget(name: "UtilitiesTests", dependencies: ["Utilities"]),
        .testTarget(name: "Z3KitTests", dependencies: ["Z3Kit", "TestSupport"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "BLASKitTests", dependencies: ["BLASKit"]),
        .testTarget(name: "SpecLanguageTests", dependencies: ["SpecLanguage", "TestSupport", "Utilities"]),
        .testTarget(name: "ProtocolLanguageTests", dependencies: ["ProtocolLanguage", "TestSupport", "Utilities"]),
        .testTarget(name: "GameTests", dependencies: ["Game", "TestSupport"]),
        .testTarget(name: "CheckingTests", dependencies: ["Checking", "TestSupport", "Utilities"]),
        .testTarget(name: "EncoderTests", dependencies: ["Encoder", "TestSupport", "Utilities"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "TestSupport", "ProtocolLanguage", "Utilities"], exclude: ["Golden"]),
        .testTarget(name: "CompactionTests", dependencies: ["Compaction", "Checking", "TestSupport", "Utilities"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Records", "Search", "SpecLanguage", "GameCore", "Utilities"]),
        .testTarget(name: "ggmsTests", dependencies: ["ggms", "Records", "Diagnostics", "Utilities"]),
        .testTarget(name: "ReaderFuzzingTests", dependencies: ["ReaderFuzzing"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "Checking", "TestSupport"]),
    ]
)
