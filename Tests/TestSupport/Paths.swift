import Foundation

/// Where the tests find the repository, the shipped GeoData and the one fixtures folder.
public enum Paths {
    /// Tests/TestSupport/Paths.swift → the package root.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let geoData = packageRoot.appendingPathComponent("GeoData")
    /// `Tests/Fixtures`: every fixture file of every test target.
    public static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")

    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
