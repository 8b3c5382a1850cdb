import GeoJSON
import Testing

@testable import Geometry

@Suite struct ProjectionTests {
    @Test func lambertAzimuthalEqualAreaKeepsAreas() throws {
        let projection = try Projection.lambertAzimuthalEqualArea(centerLongitude: 46.5, centerLatitude: 39.5)
        let origin = try projection.forward(x: 46.5, y: 39.5)
        #expect(abs(origin.x) < 1e-6 && abs(origin.y) < 1e-6)
        // The 1° cell's planar area in an equal-area projection equals its ellipsoidal area.
        let cell = GeoJSONGeometry.polygon([PositionList([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])])
        // Densify the edges: straight lines in lon/lat are curves in the projection.
        var ring: [(Double, Double)] = []
        for step in 0..<100 { ring.append((46 + Double(step) / 100, 39)) }
        for step in 0..<100 { ring.append((47, 39 + Double(step) / 100)) }
        for step in 0..<100 { ring.append((47 - Double(step) / 100, 40)) }
        for step in 0..<100 { ring.append((46, 40 - Double(step) / 100)) }
        ring.append((46, 39))
        let projected = try projection.forward(.polygon([PositionList(ring)]))
        let planar = try Geometry(projected).planarArea / 1e6
        let geodesic = Geodesic.measure(cell).areaKm2
        #expect(abs(planar - geodesic) / geodesic < 1e-4)
    }

    @Test func badDefinitionsAreTypedErrors() {
        #expect(throws: GeometryError.self) { _ = try Projection(to: "+proj=nonsense") }
    }
}
