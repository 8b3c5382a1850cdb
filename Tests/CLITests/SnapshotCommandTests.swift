import Foundation
import GeoJSON
import Geometry
import Testing

@Suite struct SnapshotCommandTests {
    func snapshot(_ arguments: [String]) throws -> FeatureCollection {
        let result = try CLI.run(["snapshot", "--data", CLI.geoData.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(result.stdout) else {
            Issue.record("not a FeatureCollection")
            return FeatureCollection()
        }
        return collection
    }

    func area(_ collection: FeatureCollection, _ controller: String) -> Double {
        collection.features.first { $0.id == .string("control:\(controller)") }?.properties?["area_km2"]?.numberValue ?? 0
    }

    @Test func beforeTheWarAMHoldsTheBaseline() throws {
        let before = try snapshot(["--date", "2020-09-26"])
        let baseline = try CLI.run(["area", CLI.geoData.appendingPathComponent("baseline.geojson").path, "--format", "json"])
        let rows = try #require(try JSONParser().parse(baseline.stdout).arrayElements).compactMap(\.objectValue)
        let held = try #require(rows.first { $0["id"] == "baseline:AM" })["area_km2"]!.numberValue!
        // The engine's grid (under a millimetre) moves the outline's vertices: a few m² in all.
        #expect(abs(area(before, "AM") - held) < 1e-4)
        #expect(abs(area(before, "AM") - 11_926) / 11_926 < 0.02)
        #expect(before.foreignMembers["date"] == "2020-09-26")
        // Before the war the frontline is the 1994 line of contact (202.6 km in lines.geojson),
        // as far as it runs between the districts' outer borders (Who's On First's, since the
        // line's ends reach the Armenian and Iranian borders Natural Earth drew).
        let frontline = try #require(before.features.first { $0.id == "frontline" })
        #expect(abs(frontline.properties!["length_km"]!.numberValue! - 202.6) < 1)
    }

    @Test func citiesAreAZControlledBy26OctoberInTheClaimedLayer() throws {
        let collection = try snapshot(["--date", "2020-10-26"])
        let control = try Geometry(try #require(collection.features.first { $0.id == "control:AZ" }?.geometry))
        let settlements = try GeoJSONDecoder().decode(Array(try Data(contentsOf: CLI.geoData.appendingPathComponent("settlements.geojson"))))
        for city in ["jabrayil", "fuzuli", "zangilan", "qubadli"] {
            let feature = try #require(settlements.features.first { $0.id == .string(city) })
            #expect(try control.contains(try Geometry(feature.geometry!)), "\(city)")
        }
        // The assessed layer does not yet have Jabrayil (only claimed by then).
        let assessed = try snapshot(["--date", "2020-10-26", "--layer", "assessed"])
        #expect(area(assessed, "AM") > area(collection, "AM"))
        #expect(assessed.foreignMembers["layer"] == "assessed")
    }

    /// The war's result in the assessed layer (the English Wikipedia's account, over the places
    /// Azerbaijan's announcements name), and the villages taken after the ceasefire.
    @Test func theWarsResultIsInTheAssessedLayerOn10November() throws {
        let eve = try snapshot(["--date", "2020-11-09", "--layer", "assessed"])
        let result = try snapshot(["--date", "2020-11-10", "--layer", "assessed"])
        let control = try Geometry(try #require(result.features.first { $0.id == "control:AZ" }?.geometry))
        let settlements = try GeoJSONDecoder().decode(Array(try Data(contentsOf: CLI.geoData.appendingPathComponent("settlements.geojson"))))
        func point(_ id: String) throws -> Geometry { try Geometry(try #require(settlements.features.first { $0.id == .string(id) }?.geometry)) }
        for town in ["jabrayil", "fuzuli", "zangilan", "qubadli", "hadrut", "shusha", "aghband"] {
            #expect(try control.contains(try point(town)), "\(town)")
        }
        #expect(area(eve, "AM") - area(result, "AM") > 500, "\(area(eve, "AM")) then \(area(result, "AM"))")
        // Hin Tagher (Khintaglar) and Khtsaberd (Caylaqqala), 12 December.
        let before = try snapshot(["--date", "2020-12-11", "--layer", "assessed"]), after = try snapshot(["--date", "2020-12-12", "--layer", "assessed"])
        let december = try Geometry(try #require(after.features.first { $0.id == "control:AZ" }?.geometry))
        #expect(area(before, "AM") > area(after, "AM"))
        #expect(try december.contains(try point("khintaglar")) && december.contains(try point("jaylaqqala")))
    }

    @Test func knownOnAndLineage() throws {
        // Qubadli's confirmation of 25 October was reported on the 26th.
        let early = try snapshot(["--date", "2020-10-25", "--layer", "assessed", "--known-on", "2020-10-25"])
        let late = try snapshot(["--date", "2020-10-25", "--layer", "assessed", "--known-on", "2020-10-26"])
        #expect(area(early, "AM") > area(late, "AM"))
        #expect(late.foreignMembers["known_on"] == "2020-10-26")
        let lineage = try snapshot(["--date", "2020-10-26", "--lineage"])
        let pieces = lineage.features.filter { $0.properties?["kind"] == "piece" }
        // Two claims on Qubadli's cell that day: the later in ledger order (reported the 26th) holds it.
        #expect(pieces.contains { $0.properties?["claim"] == "2020-10-25-az-qubadli-confirmed" })
        let sum = pieces.filter { $0.properties?["controller"] == "AZ" }.reduce(0) { $0 + $1.properties!["area_km2"]!.numberValue! }
        // Pieces are measured on their written (rounded) outlines: a relative 1e-9 apart at most.
        #expect(abs(sum - area(lineage, "AZ")) / area(lineage, "AZ") < 1e-9)
        let unlocated = lineage.features.filter { $0.properties?["kind"] == "unlocated" }
        #expect(unlocated.contains { $0.id == "claim:2020-10-03-az-article-tartar" && $0.geometry != nil })
    }

    @Test func byteIdenticalAcrossRunsAndValidRFC7946() throws {
        let folder = try CLI.temporaryDirectory()
        let first = folder.appendingPathComponent("a.geojson"), second = folder.appendingPathComponent("b.geojson")
        #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--out", first.path]).status == 0)
        #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--out", second.path]).status == 0)
        let bytes = try Data(contentsOf: first)
        #expect(bytes == (try Data(contentsOf: second)))
        // Strictly valid RFC 7946: decodes strictly; exteriors counter-clockwise, holes clockwise; no crs.
        let collection = try GeoJSONDecoder().decode(Array(bytes))
        for feature in collection.features {
            for polygon in feature.geometry?.polygons ?? [] {
                #expect(polygon[0].signedPlanarArea > 0)
                #expect(polygon.dropFirst().allSatisfy { $0.signedPlanarArea < 0 })
            }
        }
        #expect(!String(decoding: bytes, as: UTF8.self).contains("\"crs\""))
    }

    @Test func afterSeptember2023AMHoldsNothing() throws {
        let after = try snapshot(["--date", "2023-09-21"])
        #expect(area(after, "AM") == 0)
        #expect(!after.features.contains { $0.id == "control:AM" })
        let frontline = try #require(after.features.first { $0.id == "frontline" })
        #expect(frontline.properties?["length_km"] == 0)
    }

    @Test func badDatesAndLedgersFailCleanly() throws {
        let usage = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-02-30"])
        #expect(usage.status == 64 && !usage.signaled)
        #expect(usage.stderr.contains("2020-02-30"))
        let folder = try CLI.temporaryDirectory()
        let claims = folder.appendingPathComponent("bad.geojson")
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","geometry":null,"properties":{"date":"2020-10-03","controller":"RU","claimant":"x","status":"claimed","source":{"title":"t"}}}]}"#.write(to: claims, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.geojson")
        let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--claims", claims.path, "--date", "2020-10-10", "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(claims.path): feature 0 (x): features[0].properties.controller: unknown actor \"RU\" (not in actors.json)\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
