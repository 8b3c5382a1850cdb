import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

/// The shipped baseline against the partition check, on the real GeoData.
@Suite struct ShippedBaselineTests {
    @Test func baselineIsThePartitionOfTheTheatre() throws {
        let dataset = try Dataset.load(Paths.geoData.path)
        let baseline = try #require(dataset.baseline)
        let held = try #require(baseline.pieces.first { $0.controller == "AM" })
        let heldArea = Geodesic.measure(held.geometry).areaKm2
        #expect(abs(heldArea - 11_926) / 11_926 < 0.02)
        // The pieces tile the union of Azerbaijan's regions: no overlap, no gap over 0.01 km².
        #expect(try PartitionCheck.problems(baseline, regions: dataset.regions, file: "baseline").isEmpty)
        let pieces = try baseline.pieces.map { try Geometry($0.geometry) }
        let overlap = Geodesic.area(of: try pieces[0].intersection(pieces[1])) / 1e6
        #expect(overlap < 0.01)
        let azerbaijan = try Geometry.union(try dataset.regions.filter { $0.country == "AZ" && !$0.isHistorical }.map { try Geometry($0.geometry) })
        let theatre = try Geometry.union(pieces)
        #expect(Geodesic.area(of: try azerbaijan.symmetricDifference(theatre)) / 1e6 < 0.01)
    }
}
