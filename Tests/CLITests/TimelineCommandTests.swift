import Foundation
import GeoJSON
import Testing

@Suite struct TimelineCommandTests {
    func rows(_ arguments: [String] = []) throws -> [JSONObject] {
        let result = try CLI.run(["timeline", "--data", CLI.geoData.path, "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONParser().parse(result.stdout).arrayElements).compactMap(\.objectValue)
    }

    @Test func amFallsMonotonicallyInTheAssessedLayerAndEndsAtZero() throws {
        let all = try rows()
        #expect(Set(all[0].members.keys) == ["date", "controller", "assessed_km2", "claimed_km2", "frontline_km"])
        let am = all.filter { $0["controller"] == "AM" }
        let war = am.filter { ($0["date"]!.stringValue!) >= "2020-09-26" && ($0["date"]!.stringValue!) <= "2020-12-01" }.map { $0["assessed_km2"]!.numberValue! }
        #expect(war.count > 5)
        #expect(zip(war, war.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(war.last! < war.first! - 5000)
        let after = am.filter { ($0["date"]!.stringValue!) >= "2023-09-20" }
        #expect(!after.isEmpty && after.allSatisfy { $0["assessed_km2"] == 0 && $0["claimed_km2"] == 0 && $0["frontline_km"] == 0 })
    }

    @Test func everyNDaysAndFormats() throws {
        let weekly = try rows(["--from", "2020-09-26", "--to", "2020-11-10", "--every", "7d"])
        let dates = Set(weekly.map { $0["date"]!.stringValue! })
        #expect(dates.sorted() == ["2020-09-26", "2020-10-03", "2020-10-10", "2020-10-17", "2020-10-24", "2020-10-31", "2020-11-07"])
        let csv = try CLI.run(["timeline", "--data", CLI.geoData.path, "--format", "csv", "--to", "2020-10-03"])
        #expect(csv.stdoutLines[0] == "date,controller,assessed_km2,claimed_km2,frontline_km\r")
        let conflict = try CLI.run(["timeline", "--data", CLI.geoData.path, "--every", "7d", "--on-change"])
        #expect(conflict.status == 64)
    }
}

@Suite struct DiffCommandTests {
    @Test func gainedMinusLostIsNetAndRegionsAddUp() throws {
        let result = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONParser().parse(result.stdout).objectValue)
        #expect(Set(object.members.keys) == ["from", "to", "layer", "controllers", "regions"])
        let controllers = try #require(object["controllers"]?.objectValue)
        let am = try #require(controllers["AM"]?.objectValue)
        #expect(Set(am.members.keys) == ["area_from_km2", "area_to_km2", "gained_km2", "lost_km2", "net_km2"])
        for (_, value) in controllers.members {
            let change = value.objectValue!
            let net = change["net_km2"]!.numberValue!
            #expect(abs(change["gained_km2"]!.numberValue! - change["lost_km2"]!.numberValue! - net) < 0.5)
        }
        #expect(am["net_km2"]!.numberValue! < -5000)
        let regions = try #require(object["regions"]?.arrayElements).compactMap(\.objectValue)
        let kalbajar = try #require(regions.first { $0["region"] == "AZ-KAL" && $0["controller"] == "AM" })
        #expect(kalbajar["lost_km2"]!.numberValue! > 1000)
        let lostByRegion = regions.filter { $0["controller"] == "AM" }.reduce(0) { $0 + $1["lost_km2"]!.numberValue! }
        #expect(abs(lostByRegion - am["lost_km2"]!.numberValue!) < 1)
    }

    @Test func limitedToRegionsAndAsGeoJSON() throws {
        let result = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-01", "--region", "AZ-AGM", "--format", "json"])
        let object = try #require(try JSONParser().parse(result.stdout).objectValue)
        let regions = try #require(object["regions"]?.arrayElements).compactMap(\.objectValue)
        #expect(!regions.isEmpty && regions.allSatisfy { $0["region"] == "AZ-AGM" })
        let geojson = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-01", "--format", "geojson"])
        guard case .featureCollection(let pieces) = try GeoJSONDecoder().decode(geojson.stdout) else {
            Issue.record("not GeoJSON")
            return
        }
        #expect(Set(pieces.features.map { $0.id!.description }) == ["gained:AZ", "lost:AM"])
        let unknown = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-01", "--region", "AZ-NOPE"])
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown region AZ-NOPE"))
        let backwards = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-12-01", "--to", "2020-09-26"])
        #expect(backwards.status == 64)
    }
}
