import GeoJSON
import Testing

@testable import Geometry

@Suite struct SharedBorderTests {
    func cell(_ x: Double, _ y: Double, _ width: Double = 1, _ height: Double = 1) throws -> Geometry {
        try Geometry(wkt: "POLYGON((\(x) \(y), \(x + width) \(y), \(x + width) \(y + height), \(x) \(y + height), \(x) \(y)))")
    }

    let tolerance = 1.5e-8

    @Test func neighboursShareTheirMeridian() throws {
        let west = try cell(46, 39), east = try cell(47, 39)
        let meridian = Geodesic.distance(Position(47, 39), Position(47, 40))
        #expect(abs(SharedBorder(west, tolerance: tolerance).length(with: east) - meridian) < 1e-6 * meridian)
        #expect(abs(SharedBorder(east, tolerance: tolerance).length(with: west) - meridian) < 1e-6 * meridian)
    }

    @Test func aBorderSplitOnOneSideOnlyCountsInFull() throws {
        // The east cell has a vertex half-way up the shared meridian (a T-junction), and the
        // lower half of it is split again, a grid step off the line.
        let west = try cell(46, 39)
        let east = try Geometry(wkt: "POLYGON((47 39, 48 39, 48 40, 47 40, 47 39.5, 47.000000005 39.25, 47 39))")
        let meridian = Geodesic.distance(Position(47, 39), Position(47, 40))
        #expect(abs(SharedBorder(west, tolerance: tolerance).length(with: east) - meridian) < 1e-3)
        #expect(abs(SharedBorder(east, tolerance: tolerance).length(with: west) - meridian) < 1e-3)
    }

    @Test func partOfAnEdgeAndNothingElse() throws {
        let big = try cell(46, 39)
        // Shares the lower half of big's east edge.
        let small = try cell(47, 39, 0.5, 0.5)
        let half = Geodesic.distance(Position(47, 39), Position(47, 39.5))
        #expect(abs(SharedBorder(big, tolerance: tolerance).length(with: small) - half) < 1e-3)
        // Touching at a corner, apart, or a metre off: nothing shared.
        #expect(SharedBorder(big, tolerance: tolerance).length(with: try cell(47, 40)) == 0)
        #expect(SharedBorder(big, tolerance: tolerance).length(with: try cell(48, 39)) == 0)
        #expect(SharedBorder(big, tolerance: tolerance).length(with: try cell(47.00001, 39)) == 0)
        #expect(SharedBorder(try Geometry(wkt: "POLYGON EMPTY"), tolerance: tolerance).length(with: big) == 0)
    }

    @Test func segmentLengthsAgreeWithTheGeodesic() {
        for (a, b) in [(Position(46, 39), Position(46.004, 39.003)), (Position(45, 41), Position(45, 41.005)), (Position(44, 38.5), Position(44.005, 38.5))] {
            let local = SharedBorder.metres(a.longitude, a.latitude, b.longitude, b.latitude)
            let geodesic = Geodesic.distance(a, b)
            #expect(abs(local - geodesic) < 1e-7 * geodesic)
        }
    }

    /// The length away from an outline without the index is the indexed one's, bit for bit:
    /// half of a cell's boundary lies along the outline (two edges of the outline's cell).
    @Test func lengthAwayWithoutTheIndexIsTheSame() throws {
        let outline = SharedBorder(try cell(46, 39, 2, 2), tolerance: 1e-3)
        let inner = try Geometry(wkt: "POLYGON((46 39, 47 39, 47.3 39.6, 47 40, 46 40, 46 39), (46.2 39.2, 46.4 39.2, 46.4 39.4, 46.2 39.2))")
        for geometry in [inner, try cell(46.5, 39.5), try cell(46, 39, 2, 2), try Geometry(wkt: "POLYGON EMPTY")] {
            let indexed = SharedBorder(geometry, tolerance: tolerance, excludingNear: outline).lengthAway
            #expect(SharedBorder.lengthAway(of: geometry, excludingNear: outline).bitPattern == indexed.bitPattern)
        }
        let along = Geodesic.distance(Position(46, 39), Position(47, 39)) + Geodesic.distance(Position(46, 39), Position(46, 40))
        let all = SharedBorder(inner, tolerance: tolerance).lengthAway
        #expect(abs(SharedBorder.lengthAway(of: inner, excludingNear: outline) - (all - along)) < 1)
    }
}
