import Foundation
import GeoJSON
import Testing

import TestSupport

@Suite struct ImportCommandTests {
    @Test func importsFromGeoJSONWithFiltersAndIsDeterministic() throws {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("regions.geojson")
        let arguments = ["import", CLI.geoData.appendingPathComponent("regions.geojson").path, "--out", out.path, "--name-field", "name", "--country-field", "country", "--where", "country=AM"]
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let first = try Data(contentsOf: out)
        guard case .featureCollection(let regions) = try GeoJSONDecoder().decode(Array(first)) else {
            Issue.record("not a FeatureCollection")
            return
        }
        #expect(regions.features.count == 11)
        #expect(regions.features.allSatisfy { $0.properties?["country"] == "AM" && $0.properties?["level"] == "admin1" })
        try CLI.run(arguments)
        #expect(try Data(contentsOf: out) == first)
        // The import is itself a valid regions file for the other commands.
        let check = try CLI.run(["validate", "--data", CLI.geoData.path, out.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func whereOnOneFieldTakesAlternatives() throws {
        let folder = try CLI.temporaryDirectory()
        let source = CLI.geoData.appendingPathComponent("regions.geojson").path
        func count(_ conditions: [String]) throws -> Int {
            let out = folder.appendingPathComponent("r.geojson")
            let result = try CLI.run(["import", source, "--out", out.path, "--name-field", "name", "--country-field", "country"] + conditions.flatMap { ["--where", $0] })
            guard result.status == 0, case .featureCollection(let regions) = try GeoJSONDecoder().decode(Array(try Data(contentsOf: out))) else { return -1 }
            return regions.features.count
        }
        let armenia = try count(["country=AM"]), azerbaijan = try count(["country=AZ"])
        #expect(armenia == 11 && azerbaijan > 0)
        #expect(try count(["country=AM,AZ"]) == armenia + azerbaijan)
        #expect(try count(["country=AM", "country=AZ"]) == armenia + azerbaijan)
        // Another field must hold as well: no Armenian region is a historical one.
        #expect(try count(["country=AM,IR", "level=historical"]) == -1)
        #expect(try count(["country=AM,IR", "level=city"]) == 1)
    }

    @Test func severalFilesWithoutIdsTakeAUniqueFieldAndListFields() throws {
        let folder = try CLI.temporaryDirectory()
        func write(_ name: String, _ rows: [(code: String, name: String, x: Double)]) throws -> String {
            let features = rows.map { Feature(geometry: GridFixture.cell($0.x, 39), properties: JSONObject(["code": .string($0.code), "name": .string($0.name), "kind": "oblast"])) }
            let url = folder.appendingPathComponent(name)
            try Data(GeoJSONEncoder().encode(FeatureCollection(features: features))).write(to: url)
            return url.path
        }
        // Names repeat across the files; codes do not.
        let east = try write("east.geojson", [("E1", "Hill", 46), ("E2", "River", 47)])
        let west = try write("west.geojson", [("W1", "Hill", 48)])
        let out = folder.appendingPathComponent("regions.geojson").path
        let both = try CLI.run(["import", east, west, "--out", out, "--country", "XX"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stderr.contains("ids from the field \"code\""))
        guard case .featureCollection(let regions) = try GeoJSONDecoder().decode(Array(try Data(contentsOf: URL(fileURLWithPath: out)))) else { return }
        #expect(regions.features.map { $0.id!.description } == ["E1", "E2", "W1"])
        let fields = try CLI.run(["import", east, "--list-fields"])
        #expect(fields.status == 0 && fields.stdout.contains("  code: 2 distinct, e.g. \"E1\", \"E2\"") && fields.stdout.contains("  kind: 1 distinct"))
        // With no unique field, the message lists the fields.
        let same = try write("same.geojson", [("S", "Hill", 46), ("S", "Hill", 47)])
        let none = try CLI.run(["import", same, "--out", out + ".2"])
        #expect(none.status == CLI.badData && none.stderr.contains("no field has a unique value for each: pass --id-field (fields: code, kind, name; see --list-fields)"))
    }

    @Test func failuresLeaveNoFileAndKeepTheOldOne() throws {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("regions.geojson")
        try "old".write(to: out, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", CLI.geoData.appendingPathComponent("regions.geojson").path, "--out", out.path, "--id-field", "nope"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("id field \"nope\" is missing or empty"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["regions.geojson"])
        let usage = try CLI.run(["import", "x.shp", "--out", out.path, "--bbox", "1,2,3"])
        #expect(usage.status != 0 && usage.status != 1 && !usage.signaled)
    }
}
