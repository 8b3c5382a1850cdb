import Testing

@testable import GeoJSON

@Suite struct GeoJSONGeometryTests {
    static let square = PositionList([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    static let collection = GeoJSONGeometry.geometryCollection([
        .point(Position(5, 5)),
        .multiPoint(PositionList([(6, 6), (7, 7)])),
        .lineString(PositionList([(0, 0), (2, 2)])),
        .multiPolygon([[square], [square, square]]),
    ])

    @Test func theWalkVisitsEveryListAndKeepsTheStructure() {
        var visited = 0
        let shifted = Self.collection.mappingPositionLists { list in
            visited += 1
            return PositionList(flat: list.values.map { $0 + 10 }, dimension: list.dimension)
        }
        // point, multipoint, line, and the three rings of the multipolygon.
        #expect(visited == 6)
        #expect(shifted.points.map(\.longitude) == [15, 16, 17])
        #expect(shifted.polygons.count == 2 && shifted.polygons[1].count == 2)
        #expect(shifted.polygons[1][1][2] == Position(11, 11))
        #expect(shifted.lines == [PositionList([(10, 10), (12, 12)])])
    }

    @Test func pointsCanBeLeftAlone() {
        let lines = Self.collection.mappingPositionLists(points: false) { list in
            PositionList(flat: list.values.map { $0 * 2 }, dimension: list.dimension)
        }
        #expect(lines.points.map(\.longitude) == [5, 6, 7])
        #expect(lines.lines == [PositionList([(0, 0), (4, 4)])])
    }

    @Test func aTypedFailureStopsTheWalk() {
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try Self.collection.mappingPositionLists { (list: PositionList) throws(Refused) -> PositionList in
                if list.count > 2 { throw Refused() }
                return list
            }
        }
    }

    @Test func simplestForm() {
        let one = GeoJSONGeometry.multiPolygon([[Self.square]])
        #expect(one.simplestForm.typeName == "Polygon")
        let two = GeoJSONGeometry.multiPolygon([[Self.square], [Self.square]])
        #expect(two.simplestForm.typeName == "MultiPolygon")
    }

    @Test func powersOfTenAreExact() {
        #expect(powerOfTen(0) == 1)
        #expect(powerOfTen(9) == 1_000_000_000)
        #expect(powerOfTen(-3) == 1 / 1000.0)
    }
}
