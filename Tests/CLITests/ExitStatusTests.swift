import Foundation
import Testing

/// Each kind of failure ends with its own documented exit status (docs/CLI.md, "Exit status").
@Suite struct ExitStatusTests {
    @Test func aMissingToolIsNotBadData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let png = folder.appendingPathComponent("map.png")
        let result = try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", png.path],
                                 environment: ["FRONTLINE_RSVG_CONVERT": folder.appendingPathComponent("no-such-tool").path])
        #expect(!result.signaled)
        #expect(result.status == CLI.toolMissing, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("rsvg-convert: not found: PNG output needs librsvg2-bin"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: png.path))
        // The SVG needs no tool and still works.
        let svg = try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", folder.appendingPathComponent("map.svg").path],
                              environment: ["FRONTLINE_RSVG_CONVERT": folder.appendingPathComponent("no-such-tool").path])
        #expect(svg.status == 0, "\(svg.stderr)")
    }

    @Test func badDataAndUsageKeepTheirStatuses() throws {
        let usage = try CLI.run(["snapshot", "--data", CLI.geoData.path])
        #expect(usage.status == 64, "\(usage.stderr)")
        let missing = try CLI.run(["snapshot", "--data", "/nonexistent-frontline-data", "--date", "2020-11-10"])
        #expect(missing.status == CLI.badData, "\(missing.stderr)")
    }
}
