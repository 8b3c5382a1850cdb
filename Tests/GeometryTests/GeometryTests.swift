import GeoJSON
import Testing

@testable import Geometry

@Suite struct GeometryTests {
    func square(_ x: Double, _ y: Double, _ size: Double = 1) throws -> Geometry {
        try Geometry(wkt: "POLYGON((\(x) \(y), \(x + size) \(y), \(x + size) \(y + size), \(x) \(y + size), \(x) \(y)))")
    }

    @Test func convertsGeoJSONBothWays() throws {
        let geoJSON = GeoJSONGeometry.multiPolygon([
            [PositionList([(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]), PositionList([(0.5, 0.5), (0.5, 1), (1, 1), (0.5, 0.5)])],
            [PositionList([(5, 5), (6, 5), (6, 6), (5, 5)])],
        ])
        let geometry = try Geometry(geoJSON)
        #expect(geometry.kind == .multiPolygon)
        #expect(geometry.partCount == 2)
        #expect(geometry.geoJSON == geoJSON)
        let point = try Geometry(.point(Position(longitude: 1, latitude: 2, altitude: 3)))
        #expect(point.geoJSON.shape == .point(Position(longitude: 1, latitude: 2, altitude: 3)))
        #expect(point.wkt == "POINT Z (1 2 3)")
    }

    @Test func readsAndWritesWKTAndWKB() throws {
        let geometry = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 0))")
        #expect(geometry.wkt == "POLYGON ((0 0, 1 0, 1 1, 0 0))")
        let wkb = geometry.wkb
        #expect(wkb.first == 1)  // little endian
        #expect(try Geometry(wkb: wkb).isExactlyEqual(to: geometry))
        #expect(throws: GeometryError.self) { _ = try Geometry(wkt: "POLYGON((0 0, 1 0") }
        #expect(throws: GeometryError.self) { _ = try Geometry(wkb: [1, 2, 3]) }
    }

    @Test func overlayOperations() throws {
        let a = try square(0, 0, 2)
        let b = try square(1, 1, 2)
        #expect(try a.intersection(b).planarArea == 1)
        #expect(try a.difference(b).planarArea == 3)
        #expect(try a.symmetricDifference(b).planarArea == 6)
        #expect(try a.union(b).planarArea == 7)
        #expect(try Geometry.union([a, b, try square(10, 10)]).planarArea == 8)
        let coverage = try Geometry.collection([try square(0, 0), try square(1, 0), try square(0, 1)])
        let merged = try coverage.coverageUnion()
        #expect(merged.kind == .polygon)
        #expect(merged.planarArea == 3)
        #expect(try coverage.unaryUnion().topologicallyEquals(merged))
    }

    @Test func predicatesAndRelate() throws {
        let a = try square(0, 0)
        let b = try square(1, 0)
        let inner = try square(0.25, 0.25, 0.5)
        #expect(try a.touches(b))
        #expect(try a.intersects(b))
        #expect(!(try a.overlaps(b)))
        #expect(try a.contains(inner))
        #expect(try a.covers(inner))
        #expect(try inner.within(a))
        #expect(try a.relate(b) == "FF2F11212")
        #expect(try a.relate(b, pattern: "F***1****"))
        #expect(try a.overlaps(try square(0.5, 0.5)))
    }

    @Test func validityWithReasonAndMakeValid() throws {
        let bowtie = try Geometry(wkt: "POLYGON((0 0, 1 1, 1 0, 0 1, 0 0))")
        #expect(!bowtie.isValid)
        let problem = try #require(try bowtie.validityProblem())
        #expect(problem.reason == "Self-intersection")
        #expect(problem.location?.x == 0.5 && problem.location?.y == 0.5)
        let repaired = try bowtie.makeValid()
        #expect(repaired.isValid)
        #expect(abs(repaired.planarArea - 0.5) < 1e-12)
        #expect(try square(0, 0).validityProblem() == nil)
    }

    @Test func constructiveOperations() throws {
        let a = try square(0, 0)
        #expect(try a.boundary().kind == .lineString)
        #expect(try a.centroid().pointCoordinates! == (0.5, 0.5))
        let onSurface = try a.pointOnSurface()
        #expect(try a.contains(onSurface))
        #expect(try a.envelope().planarArea == 1)
        #expect(try a.buffer(1).planarArea > 4)
        let wiggly = try Geometry(wkt: "LINESTRING(0 0, 1 0.001, 2 0, 3 0.001, 4 0)")
        #expect(try wiggly.simplified(tolerance: 0.01).vertexCount == 2)
        let merged = try Geometry(wkt: "MULTILINESTRING((0 0, 1 0), (1 0, 2 0))").lineMerged()
        #expect(merged.kind == .lineString)
        let snapped = try Geometry(wkt: "LINESTRING(0 0, 1.0001 0)").snapped(to: Geometry(wkt: "POINT(1 0)"), tolerance: 0.001)
        #expect(snapped.wkt == "LINESTRING (0 0, 1 0)")
        let lines = [try Geometry(wkt: "LINESTRING(0 0, 1 0, 1 1)"), try Geometry(wkt: "LINESTRING(1 1, 0 1, 0 0)")]
        let polygons = try Geometry.polygonize(lines)
        #expect(polygons.partCount == 1)
        #expect(polygons.planarArea == 1)
        let sites = try Geometry(wkt: "MULTIPOINT((0 0), (2 0), (1 2))")
        let cells = try sites.voronoiDiagram(extent: try square(-5, -5, 10))
        #expect(cells.partCount == 3)
        #expect(abs(cells.planarArea - 100) < 1e-9)
    }

    @Test func preparedGeometryAndSTRtree() throws {
        let region = try PreparedGeometry(try square(0, 0, 10))
        #expect(try region.contains(try square(1, 1)))
        #expect(try region.intersects(x: 5, y: 5))
        #expect(!(try region.intersects(x: 11, y: 5)))
        #expect(try region.covers(try square(0, 0)))
        #expect(!(try region.containsProperly(try square(0, 0))))
        #expect(try PreparedGeometry(try square(1, 1)).coveredBy(try square(0, 0, 10)))
        #expect(!(try PreparedGeometry(try square(9, 9, 2)).coveredBy(try square(0, 0, 10))))
        #expect(try region.isWithinDistance(1.5, of: try square(11, 0)))
        #expect(!(try region.isWithinDistance(0.5, of: try square(11, 0))))
        let cells = try (0..<100).map { try square(Double($0 % 10), Double($0 / 10)) }
        let tree = STRtree(cells)
        #expect(tree.query(Bounds(minX: 2.5, minY: 2.5, maxX: 3.5, maxY: 3.5)) == [22, 23, 32, 33])
        #expect(tree.query(try square(20, 20)) == [])
    }

    @Test func versionsAreCheckedAtStartUp() throws {
        try LibraryVersions.check()
        #expect(LibraryVersions.geos.hasPrefix("3."))
        #expect(throws: GeometryError.self) { try LibraryVersions.check(geos: "3.10.2-CAPI-1.16.0", proj: "9.1.1") }
        #expect(throws: GeometryError.self) { try LibraryVersions.check(geos: "3.11.1", proj: "8.2.1") }
    }
}
