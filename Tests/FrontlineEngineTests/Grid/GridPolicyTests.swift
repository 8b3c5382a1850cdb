import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
import TestSupport

@Suite struct GridPolicyTests {
    @Test func theGridIsAPowerOfTwoFinerThanAMillimetre() {
        #expect(GridPolicy.gridSize == 1.0 / 134_217_728)
        #expect(GridPolicy.gridSize * 111_320 < 0.001)
        // 9 decimals keep distinct grid points distinct.
        #expect(powerOfTenBelow(GridPolicy.gridSize) <= GridPolicy.gridDecimals)
    }

    func powerOfTenBelow(_ value: Double) -> Int { Int((-log10(value)).rounded(.up)) }

    @Test func prepareDensifiesAlongGeodesicsOntoTheGrid() throws {
        // A 1° east-west edge at 40°N bows ~1.3 km off the parallel: densified, the planar form
        // follows the geodesic, and the geodesic area does not change.
        let cell = GridFixture.cell(46, 39)
        let prepared = try GridPolicy.prepare(cell)
        #expect(prepared.geoJSON.polygons[0][0].count > 5)
        #expect(abs(Geodesic.area(of: prepared) / 1e6 - GridFixture.checkCellKm2) < 1e-5)
        for position in prepared.geoJSON.polygons[0][0].positions {
            for value in [position.longitude, position.latitude] {
                #expect((value / GridPolicy.gridSize).rounded() * GridPolicy.gridSize == value)
            }
        }
    }

    @Test func slivers() throws {
        // A 5 mm wide strip goes; a 1 km one stays.
        let strip = try Geometry(.polygon([PositionList([(46, 39), (46.1, 39), (46.1, 39.00000004), (46, 39.00000004), (46, 39)])]))
        let wide = try Geometry(GridFixture.cell(47, 39, 0.01, 0.01))
        let both = try Geometry.collection([strip, wide], kind: .multiPolygon)
        let kept = try GridPolicy.withoutSlivers(both)
        #expect(kept.partCount == 1)
        #expect(abs(Geodesic.area(of: kept) - Geodesic.area(of: wide)) < 1e-6)
        #expect(try GridPolicy.withoutSlivers(strip).isEmpty)
    }

    @Test func outputReadsBackOntoTheSameGridPoints() throws {
        let prepared = try GridPolicy.prepare(GridFixture.cell(46, 39))
        let written = GridPolicy.output(prepared)
        let original = prepared.geoJSON.polygons[0][0].positions
        let read = written.polygons[0][0].positions
        #expect(read.count == original.count)
        for (a, b) in zip(read, original) {
            #expect((a.longitude / GridPolicy.gridSize).rounded() * GridPolicy.gridSize == b.longitude)
            #expect((a.latitude / GridPolicy.gridSize).rounded() * GridPolicy.gridSize == b.latitude)
        }
    }
}
