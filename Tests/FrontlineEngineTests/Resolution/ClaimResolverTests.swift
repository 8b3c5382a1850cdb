import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

/// Claims to areas on the grid of known cells (`GridFixture`).
@Suite struct ClaimResolverTests {
    let tracker: Tracker

    init() throws {
        tracker = try Tracker(directory: try GridFixture.write().path)
    }

    func resolved(_ id: String) throws -> ResolvedClaim {
        try #require(tracker.resolved.first { $0.claim.id == id })
    }

    @Test func aSettlementStandsForItsCellInItsRegion() throws {
        // s1 is R2's only settlement: its Voronoi cell clipped to R2 is all of R2.
        let claim = try resolved("c1-az-takes-s1")
        #expect(abs(claim.areaSquareMetres / 1e6 - GridFixture.checkCellKm2) < 1e-5)
        let cell = try tracker.resolver.cells.cell("s1")
        #expect(abs(Geodesic.area(of: cell) / 1e6 - GridFixture.checkCellKm2) < 1e-5)
        #expect(try tracker.resolver.cells.cell("no-such-place").isEmpty)
        #expect(tracker.resolver.cells.rawCell("s1") != nil)
    }

    @Test func aRegionAloneIsTheWholeRegion() throws {
        let claim = try resolved("c2-am-takes-r1")
        #expect(abs(claim.areaSquareMetres / 1e6 - GridFixture.checkCellKm2) < 1e-5)
        #expect(claim.unlocatedReason == nil)
    }

    @Test func aPartialRegionIsUnlocatedWithItsReason() throws {
        let claim = try resolved("c4-az-somewhere-in-r4")
        #expect(claim.area == nil && claim.areaSquareMetres == 0)
        #expect(claim.unlocatedReason == "partial claim on region R4 without polygon or settlement")
    }

    @Test func areasAreInTheEnginesForm() throws {
        let claim = try resolved("c3-am-retakes-r2")
        let area = try #require(claim.area)
        for ring in area.geoJSON.polygons.flatMap({ $0 }) {
            for position in ring.positions {
                #expect((position.longitude / GridPolicy.gridSize).rounded() * GridPolicy.gridSize == position.longitude)
            }
        }
        // The theatre is the union of the baseline's pieces.
        let pieces = tracker.resolver.baselinePieces.reduce(0) { $0 + $1.area }
        #expect(abs(Geodesic.area(of: tracker.resolver.theatre) - pieces) / pieces < 1e-9)
    }

    /// Pieces that form a coverage take their coverage union; overlapping ones (not a coverage)
    /// the snap-rounded union. Either way the theatre is the pieces' union.
    @Test func theTheatreIsThePiecesUnionWhetherOrNotTheyFormACoverage() throws {
        func box(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> Geometry {
            try GridPolicy.prepare(Geometry.rectangle(Bounds(minX: minX, minY: minY, maxX: maxX, maxY: maxY)))
        }
        // Four 1° cells: neighbours share their densified edges vertex for vertex.
        let coverage = [try box(46, 39, 47, 40), try box(47, 39, 48, 40), try box(46, 40, 47, 41), try box(47, 40, 48, 41)]
        let overlapping = [try box(46, 39, 47.5, 40), try box(47, 39, 48, 40), try box(46, 39.5, 48, 41)]
        for (pieces, isCoverage) in [(coverage, true), (overlapping, false)] {
            let (theatre, tookCoverage) = try ClaimResolver.union(of: pieces)
            #expect(tookCoverage == isCoverage)
            let union = try Geometry.union(pieces, gridSize: GridPolicy.gridSize).polygonal()
            #expect(theatre.isValid)
            #expect(try theatre.symmetricDifference(union).planarArea < 1e-12)
            #expect(abs(Geodesic.area(of: theatre) - Geodesic.area(of: union)) / Geodesic.area(of: union) < 1e-12)
        }
        #expect(ClaimResolver.coverageUnion(of: overlapping) == nil)
        // The coverage's union is one polygon without holes, its area the sum of the cells'.
        let theatre = try #require(ClaimResolver.coverageUnion(of: coverage))
        #expect(theatre.geoJSON.polygons.count == 1 && theatre.geoJSON.polygons.first?.count == 1)
        let cells = coverage.reduce(0) { $0 + Geodesic.area(of: $1) }
        #expect(abs(Geodesic.area(of: theatre) - cells) / cells < 1e-12)
    }

    @Test func regionsHaveAPointInside() throws {
        let point = try #require(try tracker.resolver.regions.representativePoint("R4")?.pointCoordinates)
        #expect(point.x > 47 && point.x < 48 && point.y > 40 && point.y < 41)
        #expect(try tracker.resolver.regions.geometry("R9") == nil)
    }
}
