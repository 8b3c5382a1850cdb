import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

@Suite struct AdjacencyTests {
    func region(_ id: String, _ ring: [(Double, Double)], level: String = "admin1") -> Region {
        Region(id: id, name: id, country: "XX", level: level, geometry: .polygon([PositionList(ring)]))
    }

    @Test func sharedBordersOfKnownLengthAndSlivers() throws {
        let regions = [
            region("A", [(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)]),
            region("B", [(47, 39), (48, 39), (48, 40), (47, 40), (47, 39)]),
            // C leaves a 5 m sliver against B (0.00005° of longitude ≈ 4.3 m at 39.5°N).
            region("C", [(48.00005, 39), (49, 39), (49, 40), (48.00005, 40), (48.00005, 39)]),
            // D touches A at a single corner only.
            region("D", [(45, 38), (46, 38), (46, 39), (45, 39), (45, 38)]),
            region("H", [(46, 39), (49, 39), (49, 40), (46, 40), (46, 39)], level: "historical"),
        ]
        let pairs = try Adjacency().pairs(regions)
        #expect(pairs.map { "\($0.a)-\($0.b)" } == ["A-B", "B-C"])
        // The meridian from 39° to 40° N at any longitude: a geodesic, measured independently.
        let meridian = Geodesic.distance(Position(47, 39), Position(47, 40)) / 1000
        #expect(abs(pairs[0].sharedBorderKm - meridian) < 1e-6)
        #expect(abs(pairs[1].sharedBorderKm - meridian) < 0.04)  // within twice the 20 m snap
        #expect(try Adjacency(minimumMetres: 200_000).pairs(regions).isEmpty)
        #expect(try Adjacency(snapMetres: 1).pairs(regions).map { "\($0.a)-\($0.b)" } == ["A-B"])
        let dot = Adjacency.dot(pairs, regions: regions)
        #expect(dot.contains("\"A\" -- \"B\" [label=\"111.03 km\"];"))
        #expect(Adjacency.geoJSON(pairs).features.map { $0.id } == [.string("A|B"), .string("B|C")])
    }
}
