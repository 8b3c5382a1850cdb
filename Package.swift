// swift-tools-version:6.1
import PackageDescription

// The target list is the architecture (docs/ARCHITECTURE.md): each layer imports only those
// below it, and the compiler holds it to that.
//
//   GeoJSON ─ Geometry (GEOS, PROJ) ─ FrontlineModel ─ FrontlineEngine ─ FrontlinePresentation
//   PostgreSQL (libpq) ─ FrontlineDatabase (above FrontlineFormats): the ledger in PostGIS
//   GDAL (libgdal: OGR) ──────────────────────────────────────────────┐        │
//   SQLite (libsqlite3): the CLI's --version and tests                │        │
//                                                         FrontlineFormats ────┘
//                          GeoDataPipeline (the shipped dataset's build) ─ frontline (CLI)
//   FrontlineKit re-exports the library layers for programs built on it (tools/bench, tools/fuzz).
let package = Package(
    name: "Frontline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "frontline", targets: ["frontline"]),
        .library(name: "FrontlineKit", targets: ["FrontlineKit"]),
        .library(name: "Geometry", targets: ["Geometry"]),
        .library(name: "GeoJSON", targets: ["GeoJSON"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 (BoringSSL); already built for Hummingbird's TLS stack, so it costs no build.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // The HTTP server of `frontline serve`; its default traits (swift-configuration, full
        // Foundation) are not needed, and each costs CI a build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .target(name: "GeoJSON"),
        .target(name: "Geometry", dependencies: ["CGEOS", "CPROJ", "GeoJSON"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "GDAL", dependencies: ["CGDAL"]),
        .target(name: "PostgreSQL", dependencies: ["CLibPQ"]),
        .target(name: "FrontlineModel", dependencies: ["GeoJSON", "Geometry", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "FrontlineEngine", dependencies: ["FrontlineModel", "GeoJSON", "Geometry"]),
        .target(name: "FrontlinePresentation", dependencies: ["FrontlineEngine", "FrontlineModel", "GeoJSON", "Geometry"]),
        .target(name: "FrontlineFormats", dependencies: ["FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "GDAL", "GeoJSON", "Geometry"]),
        .target(name: "FrontlineKit", dependencies: ["FrontlineFormats", "FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "GeoJSON", "Geometry"]),
        .target(name: "GeoDataPipeline", dependencies: ["FrontlineFormats", "FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "GeoJSON", "Geometry"]),
        .target(name: "FrontlineDatabase", dependencies: ["FrontlineFormats", "FrontlineModel", "GeoJSON", "Geometry", "PostgreSQL"]),
        .target(name: "FrontlineServer", dependencies: [
            "FrontlineFormats", "FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "GeoJSON", "Geometry",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .executableTarget(name: "frontline", dependencies: [
            "FrontlineServer", "FrontlineDatabase", "PostgreSQL", "SQLite", "GDAL", "GeoDataPipeline", "FrontlineFormats", "FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "GeoJSON", "Geometry", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .target(name: "TestSupport", dependencies: ["GeoJSON", "Geometry"], path: "Tests/TestSupport"),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry", "CGEOS", "TestSupport"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "FrontlineModelTests", dependencies: ["FrontlineModel", "TestSupport"]),
        .testTarget(name: "FrontlineEngineTests", dependencies: ["FrontlineEngine", "TestSupport"]),
        .testTarget(name: "FrontlinePresentationTests", dependencies: ["FrontlinePresentation", "TestSupport"]),
        .testTarget(name: "FrontlineFormatsTests", dependencies: ["FrontlineFormats", "GDAL", "SQLite", "TestSupport"]),
        .testTarget(name: "GeoDataPipelineTests", dependencies: ["GeoDataPipeline", "FrontlineFormats", "FrontlinePresentation", "FrontlineEngine", "FrontlineModel", "Geometry", "TestSupport"]),
        .testTarget(name: "FrontlineServerTests", dependencies: ["FrontlineServer", "FrontlineFormats", "FrontlineModel", "GeoJSON", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["frontline", "FrontlineModel", "GeoJSON", "Geometry", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
