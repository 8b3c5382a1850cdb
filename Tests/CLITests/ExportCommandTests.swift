import Foundation
import GeoJSON
import Testing

@Suite struct ExportCommandTests {
    @Test func writesSnapshotsCombinedFileTimelineAndIndex() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("out")
        let result = try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--from", "2020-09-26", "--to", "2020-12-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.contains("2020-09-26.geojson") && names.contains("2020-12-01.geojson"))
        #expect(names.contains("timeline.geojson") && names.contains("timeline.csv") && names.contains("index.json"))
        // Each dated file is exactly `frontline snapshot --date D`.
        let snapshot = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-10-17"])
        #expect(try String(contentsOf: out.appendingPathComponent("2020-10-17.geojson"), encoding: .utf8) == snapshot.stdout)
        // index.json lists every other file with its date and SHA-256.
        let index = try #require(try JSONParser().parse(Array(try Data(contentsOf: out.appendingPathComponent("index.json")))).objectValue)
        let files = try #require(index["files"]?.arrayElements).compactMap(\.objectValue)
        #expect(files.count == names.count - 1)
        for file in files {
            let name = file["name"]!.stringValue!
            let bytes = try Data(contentsOf: out.appendingPathComponent(name))
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            check.arguments = [out.appendingPathComponent(name).path]
            let pipe = Pipe()
            check.standardOutput = pipe
            try check.run()
            check.waitUntilExit()
            let digest = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            #expect(file["sha256"]?.stringValue == String(digest), "\(name)")
            #expect(file["bytes"]?.numberValue == Double(bytes.count))
            if name.count == 18 && name.hasSuffix(".geojson") { #expect(file["date"]?.stringValue == String(name.prefix(10))) }
        }
        // The combined file: every feature dated, with its validity interval.
        guard case .featureCollection(let combined) = try GeoJSONDecoder().decode(Array(try Data(contentsOf: out.appendingPathComponent("timeline.geojson")))) else {
            Issue.record("combined file")
            return
        }
        #expect(combined.features.allSatisfy { feature in
            let properties = feature.properties!
            return properties["date"] != nil && properties["valid_from"] == properties["date"] && properties["valid_to"]!.stringValue! > properties["date"]!.stringValue!
        })
        let csv = try String(contentsOf: out.appendingPathComponent("timeline.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("date,controller,assessed_km2,claimed_km2,frontline_km\r\n2020-09-26,AM,"))
    }

    @Test func anExportOfMoreThanAThousandFilesAsksForForce() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("daily")
        // Four years a day at a time: 1,461 snapshots, refused before any is made.
        let refused = try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--from", "2020-01-01", "--to", "2023-12-31", "--every", "1d"])
        #expect(refused.status == 64 && refused.stderr.contains("export would write 1464 files for 1461 dates (more than 1000): give --force"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let help = try CLI.run(["export", "--help"])
        #expect(help.stdout.contains("--force"))
    }

    @Test func aFailedExportLeavesThePreviousOneByteIdentical() throws {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--to", "2020-10-05"]).status == 0)
        let before = try snapshotOfFolder(out)
        let claims = folder.appendingPathComponent("bad.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":null,"properties":{"date":"2020-10-33","controller":"AZ","claimant":"x","status":"claimed","source":{"title":"t"}}}]}"#.write(to: claims, atomically: true, encoding: .utf8)
        let failed = try CLI.run(["export", "--data", CLI.geoData.path, "--claims", claims.path, "--out", out.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("features[0].properties.date: \"2020-10-33\" is not a real date"))
        #expect(try snapshotOfFolder(out) == before)
        // No staging folder is left behind either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.geojson", "out"])
        // A successful export replaces the whole set (no stale files from before).
        #expect(try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--from", "2023-09-01"]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(!names.contains("2020-10-03.geojson") && names.contains("2023-09-20.geojson"))
    }

    func snapshotOfFolder(_ url: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            result[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return result
    }
}
