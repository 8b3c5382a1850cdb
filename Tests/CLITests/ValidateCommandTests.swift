import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func theShippedDataIsValid() throws {
        let result = try CLI.run(["validate", "--data", CLI.geoData.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// A copy of GeoData with one defect in each file: every defect is named.
    @Test func namesEachDefectOfABrokenFolder() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.geoData, to: folder)
        func edit(_ name: String, _ change: (inout [String: Any]) -> Void) throws {
            let url = folder.appendingPathComponent(name)
            var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            change(&object)
            try JSONSerialization.data(withJSONObject: object).write(to: url)
        }
        func features(_ object: inout [String: Any], _ change: (inout [[String: Any]]) -> Void) {
            var list = object["features"] as! [[String: Any]]
            change(&list)
            object["features"] = list
        }
        try edit("regions.geojson") { object in
            features(&object) { list in
                list[1]["id"] = list[0]["id"]  // duplicate id
                var properties = list[2]["properties"] as! [String: Any]
                properties["name"] = nil  // missing name
                list[2]["properties"] = properties
                list[3]["geometry"] = ["type": "Polygon", "coordinates": [[[46, 39], [47, 40], [47, 39], [46, 40], [46, 39]]]]  // bow-tie
            }
        }
        try edit("settlements.geojson") { object in
            features(&object) { list in
                var properties = list[0]["properties"] as! [String: Any]
                properties["region"] = "AZ-NOWHERE"
                list[0]["properties"] = properties
            }
        }
        try edit("baseline.geojson") { object in
            object["date"] = "1994-02-30"
            features(&object) { list in
                var properties = list[0]["properties"] as! [String: Any]
                properties["controller"] = "XX"
                list[0]["properties"] = properties
            }
        }
        try "[{\"id\":\"AZ\",\"name\":\"Azerbaijan\",\"color\":\"blue\"},{\"id\":\"AM\",\"name\":\"Armenian forces\",\"color\":\"#d6452b\"}]"
            .write(to: folder.appendingPathComponent("actors.json"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "--data", folder.path])
        #expect(result.status == 1)
        #expect(!result.signaled)
        let lines = result.stderrLines
        let expected = [
            "regions.geojson: feature 1 (AM-AG): features[1].id: duplicate id \"AM-AG\" (also feature 0)",
            "regions.geojson: feature 2 (AM-AV): features[2].properties: missing property \"name\"",
            "regions.geojson: feature 3 (AM-ER): features[3].geometry: invalid geometry: Self-intersection at [46.5, 39.5]",
            "settlements.geojson: feature 0 (abdal): features[0].properties.region: unknown region \"AZ-NOWHERE\"",
            "baseline.geojson: date: \"1994-02-30\" is not a real date: that month has no day 30",
            "actors.json: [0].color: expected a colour #rrggbb, found \"blue\"",
        ]
        for fragment in expected {
            #expect(lines.contains { $0.contains(fragment) }, "missing: \(fragment)\n\(result.stderr)")
        }
        #expect(lines.allSatisfy { $0.hasPrefix(folder.path + "/") })
    }

    @Test func partitionGapsAndOverlapsFailValidation() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.geoData, to: folder)
        let url = folder.appendingPathComponent("baseline.geojson")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var list = object["features"] as! [[String: Any]]
        // A square straddling the 1994 line, given to AM on top of the existing pieces.
        list.append(["type": "Feature", "id": "extra", "properties": ["controller": "AM"],
                     "geometry": ["type": "Polygon", "coordinates": [[[47.0, 40.0], [47.1, 40.0], [47.1, 40.1], [47.0, 40.1], [47.0, 40.0]]]]])
        object["features"] = list
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        let result = try CLI.run(["validate", "--data", folder.path, folder.appendingPathComponent("baseline.geojson").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("(extra) by"), "\(result.stderr)")
    }
}
