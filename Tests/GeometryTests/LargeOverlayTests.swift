import CGEOS
import Foundation
import GeoJSON
import Testing

@testable import Geometry

/// Overlays of operands over `Geometry.floatingAbove` vertices run in floating point and are
/// rounded to the grid after (`floatingThenRounded`); they must give what snap-rounding gives,
/// on the grid, valid, and fall back to snap-rounding when rounding breaks the result.
@Suite struct LargeOverlayTests {
    /// The engine's grid (FrontlineEngine's `GridPolicy.gridSize`).
    let grid = 1.0 / 134_217_728

    func onGrid(_ value: Double) -> Double { (value / grid).rounded() * grid }

    /// An ellipse of `vertices` vertices on the grid (0.2° by 0.15°, as the scaling bench's claim).
    func ellipse(vertices: Int) throws -> Geometry {
        var ring: [(Double, Double)] = (0..<vertices).map { k in
            let angle = 2 * Double.pi * Double(k) / Double(vertices)
            return (onGrid(46.8 + 0.2 * cos(angle)), onGrid(39.75 + 0.15 * sin(angle)))
        }
        ring.append(ring[0])
        return try Geometry(.polygon([PositionList(ring)]))
    }

    func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
        try Geometry(.polygon([PositionList([(minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY), (minX, minY)])]))
    }

    /// A square with a slit narrower than the grid: rounded point by point, the slit closes.
    func slit() throws -> Geometry {
        let g = grid
        return try Geometry(.polygon([PositionList([
            (0, 0), (100 * g, 0), (100 * g, 100 * g), (50.2 * g, 100 * g), (50.2 * g, 10 * g),
            (49.8 * g, 10 * g), (49.8 * g, 100 * g), (0, 100 * g), (0, 0),
        ])]))
    }

    func everyVertexIsOnTheGrid(_ geometry: Geometry) -> Bool {
        var all = true
        geometry.forEachLine { _, values in
            for value in values where onGrid(value) != value { all = false }
        }
        return all
    }

    @Test func largeOverlaysAgreeWithSnapRoundingAndLandOnTheGrid() throws {
        let ellipse = try ellipse(vertices: 260_000)
        let box = try rectangle(onGrid(46.7), onGrid(39.6), onGrid(47.3), onGrid(40.2))
        #expect(ellipse.vertexCount + box.vertexCount > Geometry.floatingAbove)
        let snapRounded: [(String, Geometry, Geometry)] = [
            ("intersection", try ellipse.intersection(box, gridSize: grid),
             try ellipse.binary(box, "intersection") { GEOSIntersectionPrec_r($0, $1, $2, grid) }),
            ("difference", try ellipse.difference(box, gridSize: grid),
             try ellipse.binary(box, "difference") { GEOSDifferencePrec_r($0, $1, $2, grid) }),
            ("union", try Geometry.union([ellipse, box], gridSize: grid),
             try Geometry.collection([ellipse, box]).unary("unaryUnion") { GEOSUnaryUnionPrec_r($0, $1, grid) }),
            ("withPrecision", try ellipse.withPrecision(grid),
             try ellipse.unary("setPrecision") { GEOSGeom_setPrecision_r($0, $1, grid, 0) }),
        ]
        for (name, result, reference) in snapRounded {
            #expect(result.isValid, "\(name)")
            #expect(everyVertexIsOnTheGrid(result), "\(name)")
            #expect(abs(result.planarArea - reference.planarArea) <= 1e-12 * reference.planarArea, "\(name): \(result.planarArea) against \(reference.planarArea)")
            #expect(try result.symmetricDifference(reference).planarArea <= 1e-12 * reference.planarArea, "\(name)")
        }
        // The floating path was the one taken.
        let floating = try #require(try ellipse.floatingThenRounded(box, gridSize: grid) { a, b throws(GeometryError) in try a.difference(b!) })
        #expect(floating.isExactlyEqual(to: snapRounded[1].1))
    }

    @Test func smallOverlaysStaySnapRounded() throws {
        let a = try rectangle(0, 0, 1, 1), b = try rectangle(0.5, 0.5, 2, 2)
        #expect(try a.floatingThenRounded(b, gridSize: grid) { x, y throws(GeometryError) in try x.difference(y!) } == nil)
    }

    /// A slit narrower than the grid closes when rounded point by point: that result is invalid,
    /// so the snap-rounded overlay is used instead.
    @Test func aResultThatRoundingBreaksFallsBackToSnapRounding() throws {
        let g = grid
        let slit = try self.slit()
        #expect(slit.isValid)
        #expect(try slit.floatingThenRounded(nil, gridSize: g, threshold: 0) { x, _ throws(GeometryError) in x } == nil)
        let valid = try rectangle(0, 0, 100.3 * g, 100.4 * g)
        let rounded = try #require(try valid.floatingThenRounded(nil, gridSize: g, threshold: 0) { x, _ throws(GeometryError) in x })
        #expect(everyVertexIsOnTheGrid(rounded) && rounded.isValid)
        let snapped = try slit.withPrecision(g)
        #expect(snapped.isValid && everyVertexIsOnTheGrid(snapped))
    }

    /// `withPrecision(_:pointByPoint:)` (claims' areas): a small shape off the grid is rounded
    /// point by point to what snap-rounding gives, and one that rounding breaks is snap-rounded.
    @Test func pointByPointRoundingOfSmallShapes() throws {
        var ring: [(Double, Double)] = (0..<1000).map { k in
            let angle = 2 * Double.pi * Double(k) / 1000
            return (46.8 + 0.2 * cos(angle) + 1e-10 * Double(k % 7), 39.75 + 0.15 * sin(angle))
        }
        // A vertex a tenth of a grid step from the one before: both round to one point.
        ring[500] = (onGrid(ring[500].0), onGrid(ring[500].1))
        ring.insert((ring[500].0 + grid / 10, ring[500].1), at: 501)
        ring.append(ring[0])
        let shape = try Geometry(.polygon([PositionList(ring)]))
        #expect(!everyVertexIsOnTheGrid(shape))
        let rounded = try shape.withPrecision(grid, pointByPoint: true)
        let snapped = try shape.withPrecision(grid)
        #expect(rounded.isValid && everyVertexIsOnTheGrid(rounded))
        #expect(rounded.vertexCount == snapped.vertexCount && rounded.vertexCount == 1001)
        #expect(try rounded.symmetricDifference(snapped).planarArea == 0)
        let slit = try self.slit()
        let fallback = try slit.withPrecision(grid, pointByPoint: true)
        let slitSnapped = try slit.withPrecision(grid)
        #expect(fallback.isValid && fallback.isExactlyEqual(to: slitSnapped))
    }
}
