// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "GeoJSON"),
        .target(name: "Geometry", dependencies: ["CGEOS", "CPROJ", "GeoJSON"]),
        .target(name: "FrontlineKit", dependencies: ["Geometry", "GeoJSON", "CSQLite"]),
        .executableTarget(name: "frontline", dependencies: [
            "FrontlineKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
        .testTarget(name: "FrontlineKitTests", dependencies: ["FrontlineKit"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["frontline", "GeoJSON", "Geometry"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
