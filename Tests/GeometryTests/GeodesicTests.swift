import GeoJSON
import Testing

@testable import Geometry

@Suite struct GeodesicTests {
    /// lon 46..47, lat 39..40.
    let cell = PositionList([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])

    @Test func oneDegreeCellMatchesGeographicLib() {
        // GeographicLib (Planimeter) gives 9549.4688539 km² for this cell.
        let area = Geodesic.polygon([cell]).area / 1e6
        #expect(abs(area - 9549.4688539) < 1e-6)
    }

    @Test func clockwiseRingGivesTheSamePositiveArea() {
        let counterClockwise = Geodesic.polygon([cell]).area
        let clockwise = Geodesic.polygon([cell.reversed()]).area
        #expect(clockwise > 0)
        #expect(abs(clockwise - counterClockwise) < 1e-6)
    }

    @Test func holesAreSubtractedWhateverTheirWinding() {
        let hole = PositionList([(46.25, 39.25), (46.75, 39.25), (46.75, 39.75), (46.25, 39.75), (46.25, 39.25)])
        let holeArea = Geodesic.polygon([hole]).area
        for ring in [hole, hole.reversed()] {
            let area = Geodesic.polygon([cell, ring]).area
            #expect(abs(area - (Geodesic.polygon([cell]).area - holeArea)) < 1e-3)
        }
        let perimeter = Geodesic.polygon([cell, hole]).perimeter
        #expect(abs(perimeter - (Geodesic.polygon([cell]).perimeter + Geodesic.polygon([hole]).perimeter)) < 1e-6)
    }

    @Test func multiPolygonSumsItsParts() {
        let east = PositionList([(47, 39), (48, 39), (48, 40), (47, 40), (47, 39)])
        let measure = Geodesic.measure(.multiPolygon([[cell], [east.reversed()]]))
        #expect(abs(measure.area - Geodesic.polygon([cell]).area - Geodesic.polygon([east]).area) < 1e-3)
    }

    @Test func antarcticaMatchesGeographicLibDocumentation() {
        // GeographicLib's Python documentation, "Perimeter/area of Antarctica":
        // 16831067.893 m / 13662703680020.1 m². The ring crosses the antimeridian, which
        // geod_polygon handles.
        let latitudeLongitude: [(Double, Double)] = [
            (-63.1, -58), (-72.9, -74), (-71.9, -102), (-74.9, -102), (-74.3, -131), (-77.5, -163), (-77.4, 163),
            (-71.7, 172), (-65.9, 140), (-65.7, 113), (-66.6, 88), (-66.9, 59), (-69.8, 25), (-70.0, -4), (-71.0, -14),
            (-77.3, -33), (-77.9, -46), (-74.7, -61),
        ]
        let ring = PositionList(latitudeLongitude.map { ($0.1, $0.0) })
        let measure = Geodesic.ring(ring)
        #expect(abs(measure.perimeter - 16831067.893) < 1e-3)
        #expect(abs(measure.area - 13662703680020.1) < 1)
    }

    @Test func inverseDistanceMatchesGeographicLibDocumentation() {
        // GeographicLib: Wellington (41.32S, 174.81E) to Salamanca (40.96N, 5.50W) is 19959679.267 m.
        let distance = Geodesic.distance(Position(174.81, -41.32), Position(-5.50, 40.96))
        #expect(abs(distance - 19959679.267) < 1e-3)
    }

    @Test func lineLengthAddsSegments() {
        let line = PositionList([(46, 39), (47, 39), (47, 40)])
        let expected = Geodesic.distance(Position(46, 39), Position(47, 39)) + Geodesic.distance(Position(47, 39), Position(47, 40))
        #expect(abs(Geodesic.length(line) - expected) < 1e-9)
        #expect(abs(Geodesic.measure(.lineString(line)).length - expected) < 1e-9)
    }

    @Test func geosAndGeoJSONMeasurementsAgree() throws {
        let hole = PositionList([(46.25, 39.25), (46.75, 39.25), (46.75, 39.75), (46.25, 39.25)])
        let geometry = GeoJSONGeometry.multiPolygon([[cell, hole], [PositionList([(50, 40), (51, 40), (51, 41), (50, 40)])]])
        let viaGEOS = Geodesic.measure(try Geometry(geometry))
        let direct = Geodesic.measure(geometry)
        #expect(abs(viaGEOS.area - direct.area) < 1e-3)
        #expect(abs(viaGEOS.length - direct.length) < 1e-6)
    }

    /// How far the middle of the straight segment from a to b lies from the geodesic, in metres
    /// (the nearest point of the geodesic, found by ternary search).
    static func stray(_ a: Position, _ b: Position) -> Double {
        let middle = Position((a.longitude + b.longitude) / 2, (a.latitude + b.latitude) / 2)
        func distance(_ fraction: Double) -> Double { Geodesic.distance(middle, Geodesic.point(from: a, to: b, fraction: fraction)) }
        var (low, high) = (0.0, 1.0)
        for _ in 0..<100 {
            let (left, right) = (low + (high - low) / 3, high - (high - low) / 3)
            if distance(left) < distance(right) { high = right } else { low = left }
        }
        return distance((low + high) / 2)
    }

    @Test func densifiedEdgesFollowTheirGeodesicsAndKeepTheArea() {
        let tolerance = 0.002
        let dense = Geodesic.densify(cell, tolerance: tolerance)
        // The 1° east-west edges stray about 100 m; the meridians not at all.
        #expect(Self.stray(Position(46, 39), Position(47, 39)) > 50)
        #expect(Self.stray(Position(47, 39), Position(47, 40)) < 0.01)
        #expect(dense.count > 300 && dense.count < 1000, "\(dense.count) positions")
        var worst = 0.0
        for index in 0..<(dense.count - 1) {
            let a = dense[index], b = dense[index + 1]
            worst = max(worst, Self.stray(a, b))
            // No point is inserted along a meridian.
            if a.longitude == b.longitude { #expect(abs(b.latitude - a.latitude) == 1) }
        }
        #expect(worst <= tolerance, "a segment strays \(worst) m")
        #expect(abs(Geodesic.polygon([dense]).area - Geodesic.polygon([cell]).area) < 1e-3)
        // An edge walked either way gets the same points: shared borders stay shared.
        #expect(Geodesic.densify(cell.reversed(), tolerance: tolerance).reversed().values == dense.values)
    }

    /// `geod_direct` and `geod_inverse` undo each other.
    @Test func destinationAndDistanceAgree() {
        let start = Position(46.5, 39.5)
        let end = Geodesic.destination(from: start, azimuth: 60, distance: 25_000)
        #expect(abs(Geodesic.distance(start, end) - 25_000) < 1e-6)
        #expect(end.longitude > start.longitude && end.latitude > start.latitude)
    }
}
