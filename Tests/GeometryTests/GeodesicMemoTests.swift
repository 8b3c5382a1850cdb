import Foundation
import GeoJSON
import Testing
import TestSupport

@testable import Geometry

/// The memo saves geodesic computations, never changes a result: every measure and every
/// densified line must be the library's, bit for bit, whether its edges were met before or not.
@Suite struct GeodesicMemoTests {
    /// Every ring of the shipped regions (real shapes, sharing edges with their neighbours).
    func shippedRings() throws -> [PositionList] {
        let bytes = try [UInt8](Data(contentsOf: Paths.geoData.appendingPathComponent("regions.geojson")))
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(bytes) else { return [] }
        return collection.features.flatMap { $0.geometry?.polygons.flatMap { $0 } ?? [] }
    }

    /// Rings the memo's path leaves to the library (across the prime meridian, on it, on the
    /// antimeridian), and a ring west of it.
    let awkwardRings = [
        PositionList([(-1, 50), (2, 50), (2, 52), (-1, 52), (-1, 50)]),
        PositionList([(179, -17), (180, -17), (180, -16), (179, -16), (179, -17)]),
        PositionList([(-74.1, 40.6), (-73.7, 40.6), (-73.7, 40.9), (-74.1, 40.9), (-74.1, 40.6)]),
        PositionList([(0, 10), (-3, 10), (-3, 12), (0, 12), (0, 10)]),
    ]

    func bits(_ measure: (area: Double, perimeter: Double)) -> [UInt64] { [measure.area.bitPattern, measure.perimeter.bitPattern] }

    func measure(_ ring: PositionList, memo: GeodesicMemo?) -> (area: Double, perimeter: Double) {
        ring.values.withUnsafeBufferPointer { Geodesic.ringMeasure($0, dimension: ring.dimension, memo: memo) }
    }

    @Test func ringMeasuresAreTheLibrarysBitForBit() throws {
        let rings = try shippedRings() + awkwardRings
        #expect(rings.count > 100)
        let memo = GeodesicMemo()
        for pass in 0..<2 {
            for (index, ring) in rings.enumerated() {
                let expected = bits(measure(ring, memo: nil))
                #expect(bits(measure(ring, memo: memo)) == expected, "ring \(index), pass \(pass)")
                #expect(bits(measure(ring.reversed(), memo: memo)) == bits(measure(ring.reversed(), memo: nil)), "ring \(index) reversed, pass \(pass)")
            }
        }
    }

    @Test func aRingSharingMostEdgesWithTheLastIsMeasuredAsTheLibraryDoes() throws {
        // A tracker's next day: one stretch of the ring moved, the rest as before.
        let ring = try shippedRings().max { $0.count < $1.count }!
        var moved = ring.values
        for index in stride(from: 2 * (ring.count / 3), to: 2 * (ring.count / 3 + 20), by: 2) { moved[index] += 1e-4 }
        let nextDay = PositionList(flat: moved, dimension: 2)
        let memo = GeodesicMemo()
        _ = measure(ring, memo: memo)
        memo.startShape()
        #expect(bits(measure(nextDay, memo: memo)) == bits(measure(nextDay, memo: nil)))
        #expect(bits(measure(nextDay, memo: memo)) != bits(measure(ring, memo: nil)))
    }

    @Test func densifiedLinesAreTheSameWithTheMemo() throws {
        let memo = GeodesicMemo()
        let long = PositionList([(30, 46), (34, 46), (34, 49), (30, 49), (30, 46)])
        let rings = try shippedRings() + awkwardRings + [long]
        for pass in 0..<2 {
            memo.startShape()
            for (index, ring) in rings.enumerated() {
                let plain = Geodesic.densify(ring, tolerance: 0.005)
                let remembered = Geodesic.densify(ring, tolerance: 0.005, memo: memo)
                #expect(plain.values.map(\.bitPattern) == remembered.values.map(\.bitPattern), "ring \(index), pass \(pass)")
            }
        }
        #expect(Geodesic.densify(long, tolerance: 0.005, memo: memo).count > 1000)
    }

    @Test func threeDimensionalLinesKeepTheirInterpolatedAltitudes() {
        let line = PositionList(flat: [30, 46, 0, 34, 46, 100], dimension: 3)
        let densified = Geodesic.densify(line, tolerance: 0.005, memo: GeodesicMemo())
        #expect(densified.count > 100)
        #expect(densified.values[2] == 0 && densified.values.last == 100)
        let altitudes = stride(from: 2, to: densified.values.count, by: 3).map { densified.values[$0] }
        #expect(altitudes == altitudes.sorted())
    }

    /// Shapes of new edges one after another: the table grows, forgets what the last shape did
    /// not meet, and answers as the library does throughout.
    @Test func theMemoForgetsOldShapesAndStaysExact() {
        let memo = GeodesicMemo()
        var largest = 0
        for shape in 0..<12 {
            memo.startShape()
            // 3,000 edges a shape, none shared with another shape.
            let ring = PositionList((0..<3000).map { k in
                let angle = 2 * Double.pi * Double(k) / 3000
                return (30 + Double(shape) + 0.4 * cos(angle), 47 + 0.3 * sin(angle))
            } + [(30 + Double(shape) + 0.4, 47)])
            #expect(bits(measure(ring, memo: memo)) == bits(measure(ring, memo: nil)), "shape \(shape)")
            #expect(bits(measure(ring, memo: memo)) == bits(measure(ring, memo: nil)), "shape \(shape), met again")
            largest = max(largest, memo.remembered.inverse)
        }
        // Never much more than the last shapes' edges and the slack before forgetting.
        #expect(memo.remembered.inverse >= 2999 && largest <= 3 * 3000 + 4096)
    }
}
