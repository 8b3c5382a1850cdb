// swift-tools-version:6.0
// libFuzzer targets, built apart from the product with
//   swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// (tools/fuzz/run, make fuzz). Each target defines LLVMFuzzerTestOneInput; libFuzzer brings main.
import PackageDescription

let package = Package(
    name: "FrontlineFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Frontline", path: "../..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzGeoJSON", dependencies: ["FuzzDriver", .product(name: "GeoJSON", package: "Frontline")]),
        .executableTarget(name: "FuzzImport", dependencies: ["FuzzDriver", .product(name: "FrontlineKit", package: "Frontline")]),
        .executableTarget(name: "FuzzClaims", dependencies: ["FuzzDriver", .product(name: "FrontlineKit", package: "Frontline"), .product(name: "GeoJSON", package: "Frontline")]),
    ],
    swiftLanguageModes: [.v6]
)
