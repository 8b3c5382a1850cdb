import Testing

@testable import GeoJSON

@Suite struct GeoJSONEncoderTests {
    let square = PositionList([(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)])  // clockwise

    @Test func writesExteriorsCounterClockwiseAndHolesClockwise() throws {
        let hole = PositionList([(0.25, 0.25), (0.75, 0.25), (0.75, 0.75), (0.25, 0.25)])  // counter-clockwise
        let output = GeoJSONEncoder().encode(.geometry(.polygon([square, hole])))
        guard case .geometry(let decoded) = try GeoJSONDecoder().decode(output) else {
            Issue.record("expected a geometry")
            return
        }
        let rings = decoded.polygons[0]
        #expect(rings[0].signedPlanarArea > 0)
        #expect(rings[1].signedPlanarArea < 0)
    }

    @Test func isDeterministicWithSortedMembersAndOneFeaturePerLine() {
        let collection = FeatureCollection(
            features: [
                Feature(id: .string("b"), geometry: .point(Position(46.123456789, 39.5)), properties: JSONObject(["z": 1, "a": "x"])),
                Feature(id: .number(2), geometry: nil, properties: nil, foreignMembers: JSONObject(["when": "2020"])),
            ],
            foreignMembers: JSONObject(["date": "2020-10-03"]))
        let text = String(decoding: GeoJSONEncoder().encode(collection), as: UTF8.self)
        #expect(
            text == """
                {"date":"2020-10-03","features":[
                {"geometry":{"coordinates":[46.123456789,39.5],"type":"Point"},"id":"b","properties":{"a":"x","z":1},"type":"Feature"},
                {"geometry":null,"id":2,"properties":null,"type":"Feature","when":"2020"}
                ],"type":"FeatureCollection"}

                """)
        let rounded = String(decoding: GeoJSONEncoder(precision: 4).encode(collection), as: UTF8.self)
        #expect(rounded.contains("[46.1235,39.5]"))
    }

    @Test func writesBoundingBoxesWhenAsked() {
        let feature = Feature(geometry: .polygon([square]))
        let text = String(decoding: GeoJSONEncoder(writesBoundingBoxes: true).encode(.feature(feature)), as: UTF8.self)
        #expect(text.hasPrefix(#"{"bbox":[0,0,1,1],"#))
    }

    @Test func roundTripsThroughTheDecoder() throws {
        let text = #"{"features":[{"bbox":[0,0,1,1],"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"},"id":"x","properties":{"k":[1,2]},"type":"Feature"}],"type":"FeatureCollection"}"#
        let decoded = try GeoJSONDecoder().decode(text)
        let encoded = GeoJSONEncoder().encode(decoded)
        #expect(try GeoJSONDecoder().decode(encoded) == decoded)
        #expect(GeoJSONEncoder().encode(try GeoJSONDecoder().decode(encoded)) == encoded)
    }
}
