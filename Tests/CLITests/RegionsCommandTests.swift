import Foundation
import GeoJSON
import Testing

@Suite struct RegionsCommandTests {
    func rows() throws -> [String: JSONObject] {
        let result = try CLI.run(["regions", "--data", CLI.geoData.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONParser().parse(result.stdout).arrayElements).compactMap(\.objectValue)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"]!.stringValue!, $0) })
    }

    @Test func shippedRegionsWithAreas() throws {
        let regions = try rows()
        let nk = try #require(regions["NK"])
        #expect(abs(nk["area_km2"]!.numberValue! - 4282) / 4282 < 0.05)
        #expect(nk["official_area_km2"] == 4388)
        #expect(nk["level"] == "historical")
        for (id, name) in [("AZ-TAR", "Tartar"), ("AZ-CAB", "Jabrayil"), ("AZ-FUZ", "Fuzuli")] {
            let region = try #require(regions[id])
            #expect(region["name"]?.stringValue == name)
            #expect(region["area_km2"]!.numberValue! > 500)
            #expect(region["perimeter_km"]!.numberValue! > 100)
            #expect(region["official_area_km2"] != nil)
        }
        #expect(Set(regions["AZ-TAR"]!.members.keys) == ["id", "name", "country", "level", "area_km2", "perimeter_km", "official_area_km2"])
        #expect(regions.keys.filter { $0.hasPrefix("AM-") }.count == 11)
        #expect(regions["IR-03"] != nil && regions["IR-24"] != nil)
    }

    @Test func everyFormat() throws {
        let table = try CLI.run(["regions", "--data", CLI.geoData.path])
        #expect(table.stdout.contains("AZ-CAB  Jabrayil"))
        let csv = try CLI.run(["regions", "--data", CLI.geoData.path, "--format", "csv"])
        #expect(csv.stdoutLines[0] == "id,name,country,level,area_km2,perimeter_km,official_area_km2\r")
        let geojson = try CLI.run(["regions", "--data", CLI.geoData.path, "--format", "geojson"])
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(geojson.stdout) else {
            Issue.record("not a FeatureCollection")
            return
        }
        #expect(collection.features.count == 91)
        #expect(collection.features.allSatisfy { $0.properties?["area_km2"]?.numberValue != nil })
        let markdown = try CLI.run(["regions", "--data", CLI.geoData.path, "--format", "markdown"])
        #expect(markdown.stdout.contains("| NK | Nagorno-Karabakh | 4281.8 | 4388 | -2.4 % |"))
    }

    @Test func dataFromTheEnvironmentOrTheWorkingFolder() throws {
        let fromEnvironment = try CLI.run(["regions", "--format", "csv"], environment: ["FRONTLINE_DATA": CLI.geoData.path])
        #expect(fromEnvironment.status == 0)
        let fromFolder = try CLI.run(["regions", "--format", "csv"], in: CLI.packageRoot)
        #expect(fromFolder.stdout == fromEnvironment.stdout)
        let missing = try CLI.run(["regions"], in: try CLI.temporaryDirectory())
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("./GeoData: data folder not found"))
    }
}
