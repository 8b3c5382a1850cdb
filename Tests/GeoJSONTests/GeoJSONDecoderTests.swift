import Foundation
import Testing

@testable import GeoJSON

@Suite struct GeoJSONDecoderTests {
    let decoder = GeoJSONDecoder()

    @Test func decodesEveryGeometryType() throws {
        let text = """
            {"type":"GeometryCollection","geometries":[
              {"type":"Point","coordinates":[46.5,39.5]},
              {"type":"MultiPoint","coordinates":[[46,39],[47,40]]},
              {"type":"LineString","coordinates":[[46,39],[47,40,100]]},
              {"type":"MultiLineString","coordinates":[[[46,39],[47,40]]]},
              {"type":"Polygon","coordinates":[[[46,39],[47,39],[47,40],[46,39]]]},
              {"type":"MultiPolygon","coordinates":[[[[46,39],[47,39],[47,40],[46,39]]]]}
            ]}
            """
        // The LineString mixes 2 and 3 numbers: that must fail, at the right path.
        #expect {
            _ = try decoder.decode(text)
        } throws: { error in
            let list = error as! GeoJSONErrorList
            return list.errors.map(\.path.description) == ["geometries[2].coordinates[1]"]
                && list.errors[0].message.contains("mixed dimensions")
        }
        let fixed = text.replacingOccurrences(of: "[47,40,100]", with: "[47,40]")
        guard case .geometry(let geometry) = try decoder.decode(fixed), case .geometryCollection(let parts) = geometry.shape else {
            Issue.record("expected a GeometryCollection")
            return
        }
        #expect(parts.map(\.typeName) == ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"])
        #expect(parts[0].shape == .point(Position(46.5, 39.5)))
        #expect(parts[4].polygons[0][0].count == 4)
    }

    @Test func keepsNullGeometryIdsForeignMembersAndBBox() throws {
        let text = """
            {"type":"FeatureCollection","date":"2020-10-03","bbox":[46,39,47,40],"features":[
              {"type":"Feature","id":"a","geometry":null,"properties":{"n":1},"extra":[1,"x"]},
              {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[46,39,12.5]},"properties":null}
            ]}
            """
        guard case .featureCollection(let collection) = try decoder.decode(text) else {
            Issue.record("expected a FeatureCollection")
            return
        }
        #expect(collection.foreignMembers["date"] == "2020-10-03")
        #expect(collection.bbox == [46, 39, 47, 40])
        #expect(collection.features[0].id == .string("a"))
        #expect(collection.features[0].geometry == nil)
        #expect(collection.features[0].foreignMembers["extra"] == [1, "x"])
        #expect(collection.features[1].id == .number(7))
        #expect(collection.features[1].properties == nil)
        #expect(collection.features[1].geometry?.shape == .point(Position(longitude: 46, latitude: 39, altitude: 12.5)))
    }

    /// At least 30 malformed documents, each rejected at the right JSON path.
    @Test(arguments: [
        (#"[]"#, "top level", "expected a GeoJSON object"),
        (#"{}"#, "top level", "missing member \"type\""),
        (#"{"type":5}"#, "type", "expected a string"),
        (#"{"type":"polygon","coordinates":[]}"#, "type", "did you mean \"Polygon\""),
        (#"{"type":"Circle"}"#, "type", "unknown GeoJSON type"),
        (#"{"type":"FeatureCollection"}"#, "top level", "missing member \"features\""),
        (#"{"type":"FeatureCollection","features":{}}"#, "features", "expected an array of features"),
        (#"{"type":"FeatureCollection","features":[1]}"#, "features[0]", "expected a Feature object"),
        (#"{"type":"FeatureCollection","features":[{"type":"FeatureCollection","features":[]}]}"#, "features[0].type", "holds only Features"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}]}"#, "features[0]", "missing member \"geometry\""),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}"#, "features[0]", "missing member \"properties\""),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":[]}]}"#, "features[0].properties", "expected an object or null"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","id":[1],"geometry":null,"properties":{}}]}"#, "features[0].id", "expected a string or a number"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":"POINT(1 2)","properties":{}}]}"#, "features[0].geometry", "expected a geometry object or null"),
        (#"{"type":"Point"}"#, "top level", "missing member \"coordinates\""),
        (#"{"type":"Point","coordinates":[1]}"#, "coordinates", "at least 2 numbers"),
        (#"{"type":"Point","coordinates":[1,2,3,4]}"#, "coordinates", "at most 3 numbers"),
        (#"{"type":"Point","coordinates":["1","2"]}"#, "coordinates[0]", "expected a number or an array"),
        (#"{"type":"Point","coordinates":[[1,2]]}"#, "coordinates[0]", "nested one level too deep"),
        (#"{"type":"Point","coordinates":{}}"#, "coordinates", "expected an array of coordinates"),
        (#"{"type":"LineString","coordinates":[[1,2]]}"#, "coordinates", "at least 2 positions"),
        (#"{"type":"LineString","coordinates":[1,2]}"#, "coordinates[0]", "nested one level too shallow"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#, "coordinates[0]", "ring is not closed"),
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#, "coordinates[0]", "at least 4 positions"),
        (#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#, "coordinates[0][0]", "nested one level too shallow"),
        (#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]}"#, "coordinates[1][0]", "ring is not closed"),
        (#"{"type":"Point","coordinates":[181,0]}"#, "coordinates[0]", "longitude 181 is outside -180..180"),
        (#"{"type":"Point","coordinates":[0,-90.5]}"#, "coordinates[1]", "latitude -90.5 is outside -90..90"),
        (#"{"type":"MultiPoint","coordinates":[[0,0],[46,95]]}"#, "coordinates[1][1]", "latitude 95"),
        (#"{"type":"Polygon","coordinates":[[[179,0],[-179,0],[-179,1],[179,0]]]}"#, "coordinates[0][1]", "crosses the antimeridian"),
        (#"{"type":"GeometryCollection"}"#, "top level", "missing member \"geometries\""),
        (#"{"type":"GeometryCollection","geometries":[null]}"#, "geometries[0]", "expected a geometry object"),
        (#"{"type":"GeometryCollection","geometries":[{"type":"Feature"}]}"#, "geometries[0].type", "expected a geometry, found a Feature"),
        (#"{"type":"Point","coordinates":[1,2],"bbox":[1,2,3]}"#, "bbox", "expected 4 or 6 numbers"),
        (#"{"type":"Point","coordinates":[1,2],"bbox":[1,2,3,"4"]}"#, "bbox[3]", "expected a number"),
        (#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#, "crs", "EPSG:3857"),
        (#"{"type":"Point","coordinates":[1,2"#, "coordinates", "truncated"),
        (#"{"type":"Point","coordinates":[NaN,2]}"#, "coordinates[0]", "NaN"),
        (#"{"type":"Point","coordinates":[1e999,2]}"#, "coordinates[0]", "out of range"),
    ])
    func rejectsWithPath(text: String, path: String, message: String) {
        #expect {
            _ = try decoder.decode(text)
        } throws: { error in
            guard let list = error as? GeoJSONErrorList, let first = list.errors.first else { return false }
            return first.path.description == path && first.message.contains(message)
        }
    }

    @Test func reportsEveryBadFeatureWithItsId() throws {
        let text = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"ok","geometry":null,"properties":{}},
              {"type":"Feature","id":"bad-ring","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]},"properties":{}},
              {"type":"Feature","id":"bad-lat","geometry":{"type":"Point","coordinates":[0,91]},"properties":{}}
            ]}
            """
        #expect {
            _ = try decoder.decode(text)
        } throws: { error in
            let list = error as! GeoJSONErrorList
            return list.errors.map(\.description) == [
                "feature 1 (bad-ring): features[1].geometry.coordinates[0]: ring is not closed: first position [0, 0] differs from last [0, 1]",
                "feature 2 (bad-lat): features[2].geometry.coordinates[1]: latitude 91 is outside -90..90 (are latitude and longitude swapped?)",
            ]
        }
    }
}
