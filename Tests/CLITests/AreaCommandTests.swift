import Foundation
import GeoJSON
import Testing

@Suite struct AreaCommandTests {
    @Test func measuresEveryFeatureInEveryFormat() throws {
        let file = CLI.fixtures.appendingPathComponent("cell-and-hole.geojson").path
        let json = try CLI.run(["area", file, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONParser().parse(json.stdout).arrayElements)
        #expect(rows.count == 3)
        let first = try #require(rows[0].objectValue)
        #expect(Set(first.members.keys) == ["file", "index", "id", "area_km2", "perimeter_km"])
        #expect(first["id"] == "cell")
        #expect(abs(first["area_km2"]!.numberValue! - 9549.4688539) < 1e-6)
        // The holed cell: area minus the hole's, whatever the hole's winding.
        let holed = try #require(rows[1].objectValue)
        #expect(holed["id"] == "42")
        #expect(holed["area_km2"]!.numberValue! < 9549.4688539 - 2000)
        let line = try #require(rows[2].objectValue)
        #expect(line["area_km2"] == 0)
        #expect(line["id"] == .null)

        let csv = try CLI.run(["area", file, "--format", "csv"])
        #expect(csv.stdoutLines[0] == "file,index,id,area_km2,perimeter_km\r")
        #expect(csv.stdoutLines.count == 5)  // header, 3 rows, and the empty remainder after the last CRLF

        let table = try CLI.run(["area", file])
        #expect(table.stdoutLines[0].hasPrefix("file"))
        #expect(table.stdout.contains("9549.469"))
    }

    @Test func deterministicOutput() throws {
        let file = CLI.fixtures.appendingPathComponent("cell-and-hole.geojson").path
        let first = try CLI.run(["area", file, "--format", "json"])
        let second = try CLI.run(["area", file, "--format", "json"])
        #expect(first.stdout == second.stdout)
    }

    @Test func badInputExitsOneWithFileFeatureAndPath() throws {
        let folder = try CLI.temporaryDirectory()
        let bad = folder.appendingPathComponent("bad.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":{}},{"type":"Feature","id":"ring","geometry":{"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,40]]]},"properties":{}}]}"#
            .write(to: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["area", bad.path, folder.appendingPathComponent("missing.geojson").path])
        #expect(result.status == 1)
        #expect(!result.signaled)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [
            "\(bad.path): feature 1 (ring): features[1].geometry.coordinates[0]: ring is not closed: first position [46, 39] differs from last [46, 40]",
            "\(folder.path)/missing.geojson: cannot open: No such file or directory",
        ])
    }

    /// Every malformed GeoJSON document of the decoder's table, through the CLI: exit 1, the
    /// file and JSON path on stderr, never a crash.
    @Test func everyMalformedDocumentFailsCleanly() throws {
        let folder = try CLI.temporaryDirectory()
        let documents = [
            (#"{"type":"Point","coordinates":[1]}"#, "coordinates: a position needs at least 2 numbers"),
            (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#, "coordinates[0]: a linear ring needs at least 4 positions"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[0,91]},"properties":{}}]}"#, "feature 0: features[0].geometry.coordinates[1]: latitude 91"),
            ("{\"type\":\"Point\",\n\"coordinates\":[1,2,]}", "coordinates: invalid JSON at line 2, column 20: trailing comma"),
            ("", "top level: invalid JSON at line 1, column 1: the file is empty"),
            (String(repeating: "[", count: 100_000), "nesting deeper than 512 levels"),
        ]
        for (index, (text, message)) in documents.enumerated() {
            let file = folder.appendingPathComponent("doc\(index).geojson")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["area", file.path])
            #expect(result.status == 1, "\(text)")
            #expect(!result.signaled)
            #expect(result.stderr.hasPrefix(file.path + ": "), "\(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
