import Foundation
import GeoJSON
import Geometry

/// A data folder built on 1° cells whose answers are known by construction:
///
///     lat 41 +------+------+
///            |  R3  |  R4  |      baseline (2000-01-01): AZ holds R1 and R3, AM holds R2 and R4
///     lat 40 +------+------+      settlements: s1 (47.5, 39.5), s2 (47.5, 40.5), s3 (46.5, 39.5)
///            |  R1  |  R2  |
///     lat 39 +------+------+
///           46     47     48
///
/// R1 (lon 46..47, lat 39..40) is GeographicLib's check cell, 9549.4688539 km²; R2 is the same
/// cell shifted by 1° of longitude, so it has the same area. R3 and R4 are equal to each other.
public enum GridFixture {
    public static let checkCellKm2 = 9549.4688539

    public static func cell(_ x: Double, _ y: Double, _ width: Double = 1, _ height: Double = 1) -> GeoJSONGeometry {
        .polygon([PositionList([(x, y), (x + width, y), (x + width, y + height), (x, y + height), (x, y)])])
    }

    public static func claim(_ id: String, _ date: String, _ controller: String, status: String = "claimed", reported: String? = nil,
                      region: String? = nil, extent: String? = nil, settlements: [String] = [], geometry: GeoJSONGeometry? = nil,
                      exactCededTo cededTo: String? = nil) -> Feature {
        var properties = JSONObject(["date": .string(date), "controller": .string(controller), "claimant": "test", "status": .string(status),
                                     "source": ["title": "fixture"]])
        if let reported { properties["reported"] = .string(reported) }
        if let region { properties["region"] = .string(region) }
        if let extent { properties["extent"] = .string(extent) }
        if !settlements.isEmpty { properties["settlements"] = .array(settlements.map { .string($0) }) }
        if let cededTo {
            properties["mode"] = "exact"
            properties["ceded_to"] = .string(cededTo)
        }
        return Feature(id: .string(id), geometry: geometry, properties: properties)
    }

    public static let claims: [Feature] = [
        // Same date, reported apart: ordered by (date, reported, id).
        claim("c1-az-takes-s1", "2000-02-01", "AZ", settlements: ["s1"]),
        claim("c2-am-takes-r1", "2000-02-01", "AM", status: "confirmed", reported: "2000-02-05", region: "R1"),
        // Reverses c1 with an explicit polygon.
        claim("c3-am-retakes-r2", "2000-03-01", "AM", status: "assessed", geometry: cell(47, 39)),
        claim("c4-az-somewhere-in-r4", "2000-03-01", "AZ", region: "R4", extent: "partial"),
        claim("c5-az-r4-retracted", "2000-04-01", "AZ", status: "retracted", region: "R4"),
        // A polygon over R3 and R4 reaching south of them, clipped to R4: `quarterOfR4` moves.
        claim("c6-az-clipped", "2000-05-01", "AZ", status: "confirmed", region: "R4",
              geometry: .polygon([PositionList([(46.5, 39.9), (47.5, 39.9), (47.5, 40.5), (47, 40.5), (46.5, 40.5), (46.5, 39.9)])])),
    ]

    /// What c6 takes of R4: west of lon 47.5, north of R4's south edge and south of the geodesic
    /// from (47, 40.5) to (47.5, 40.5). Edges are geodesics: R4's south edge, one 1° geodesic,
    /// runs north of lat 40 between its ends, and meets lon 47.5 at its midpoint.
    public static var quarterOfR4: GeoJSONGeometry {
        let middle = Geodesic.point(from: Position(47, 40), to: Position(48, 40), fraction: 0.5)
        return .polygon([PositionList([Position(47, 40), middle, Position(47.5, 40.5), Position(47, 40.5), Position(47, 40)])])
    }

    /// Writes the folder and returns its path.
    /// `thirdActor` adds an actor XX (who holds nothing in the baseline).
    public static func write(claims: [Feature] = claims, thirdActor: Bool = false) throws -> URL {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("claims"), withIntermediateDirectories: true)
        func save(_ collection: FeatureCollection, _ name: String) throws {
            try Data(GeoJSONEncoder().encode(collection)).write(to: folder.appendingPathComponent(name))
        }
        let regions = [("R1", 46.0, 39.0), ("R2", 47.0, 39.0), ("R3", 46.0, 40.0), ("R4", 47.0, 40.0)].map { id, x, y in
            Feature(id: .string(id), geometry: cell(x, y), properties: JSONObject(["name": .string(id), "country": "XX", "level": "admin1"]))
        }
        try save(FeatureCollection(features: regions), "regions.geojson")
        let settlements = [("s1", 47.5, 39.5, "R2"), ("s2", 47.5, 40.5, "R4"), ("s3", 46.5, 39.5, "R1")].map { id, x, y, region in
            Feature(id: .string(id), geometry: .point(Position(x, y)), properties: JSONObject(["name": .string(id), "region": .string(region)]))
        }
        try save(FeatureCollection(features: settlements), "settlements.geojson")
        let baseline = FeatureCollection(features: [
            // Each a 1°×2° column, with the vertices at 40°N where the cells meet.
            Feature(id: "baseline:AZ", geometry: .polygon([PositionList([(46, 39), (47, 39), (47, 40), (47, 41), (46, 41), (46, 40), (46, 39)])]), properties: JSONObject(["controller": "AZ"])),
            Feature(id: "baseline:AM", geometry: .polygon([PositionList([(47, 39), (48, 39), (48, 40), (48, 41), (47, 41), (47, 40), (47, 39)])]), properties: JSONObject(["controller": "AM"])),
        ], foreignMembers: JSONObject(["date": "2000-01-01"]))
        try save(baseline, "baseline.geojson")
        let third = thirdActor ? ##",{"id":"XX","name":"C","color":"#2ca02c"}"## : ""
        try Data((##"[{"id":"AZ","name":"A","color":"#1f6fb4"},{"id":"AM","name":"B","color":"#d6452b"}"## + third + "]").utf8).write(to: folder.appendingPathComponent("actors.json"))
        try save(FeatureCollection(features: claims), "claims/test.geojson")
        return folder
    }
}

