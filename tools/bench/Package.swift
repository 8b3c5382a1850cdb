// swift-tools-version:6.0
// Benchmarks live in their own package so the product build never compiles them.
import PackageDescription

let package = Package(
    name: "FrontlineBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Frontline", path: "../..")],
    targets: [
        .executableTarget(
            name: "frontline-bench",
            dependencies: [
                .product(name: "Geometry", package: "Frontline"),
                .product(name: "GeoJSON", package: "Frontline"),
                .product(name: "FrontlineKit", package: "Frontline"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
