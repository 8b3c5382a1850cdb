import Foundation
import GeoJSON
import Geometry
import Testing

@Suite struct AdjacencyCommandTests {
    @Test func shippedNeighboursAndNothingThatDoesNotTouch() throws {
        let result = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let pairs = try #require(try JSONParser().parse(result.stdout).arrayElements).compactMap(\.objectValue)
        let keys = pairs.map { "\($0["a"]!.stringValue!)|\($0["b"]!.stringValue!)" }
        #expect(keys.contains("AZ-CAB|AZ-FUZ"))
        #expect(keys.contains("AZ-CAB|AZ-ZAN"))
        let ordered = pairs.map { ($0["a"]!.stringValue!, $0["b"]!.stringValue!) }
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 < $1 })
        #expect(pairs.allSatisfy { $0["a"]!.stringValue! < $0["b"]!.stringValue! && $0["shared_border_km"]!.numberValue! > 0.1 })
        // Every listed pair really touches (within the 20 m snap), checked independently here.
        guard case .featureCollection(let regions) = try GeoJSONDecoder().decode(try Data(contentsOf: CLI.geoData.appendingPathComponent("regions.geojson")).map { $0 }) else {
            Issue.record("regions.geojson")
            return
        }
        var geometries: [String: Geometry] = [:]
        for feature in regions.features { geometries[feature.id!.description] = try Geometry(feature.geometry!) }
        for pair in pairs {
            let a = geometries[pair["a"]!.stringValue!]!, b = geometries[pair["b"]!.stringValue!]!
            #expect(try a.planarDistance(to: b) < 20.0 / 111_320 * 2, "\(pair)")
        }
        // Regions far apart are never listed.
        #expect(!keys.contains("AZ-BA|AZ-CAB"))
    }

    @Test func formatsAndTolerance() throws {
        let dot = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--format", "dot"])
        #expect(dot.stdout.hasPrefix("graph adjacency {"))
        #expect(dot.stdout.contains("\"AZ-CAB\" -- \"AZ-FUZ\""))
        let geojson = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--format", "geojson"])
        guard case .featureCollection(let borders) = try GeoJSONDecoder().decode(geojson.stdout) else {
            Issue.record("not GeoJSON")
            return
        }
        #expect(borders.features.contains { $0.id == .string("AZ-CAB|AZ-FUZ") && $0.geometry?.lines.isEmpty == false })
        let strict = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--format", "csv", "--tolerance", "50000"])
        let loose = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--format", "csv"])
        #expect(strict.stdoutLines.count < loose.stdoutLines.count)
        let bad = try CLI.run(["adjacency", "--data", CLI.geoData.path, "--tolerance", "-5"])
        #expect(bad.status != 0 && !bad.signaled)
    }
}
