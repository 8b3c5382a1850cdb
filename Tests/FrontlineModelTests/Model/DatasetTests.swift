import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineKit

@Suite struct DatasetTests {
    @Test func theShippedDataLoadsAndHoldsTheKnownPlaces() throws {
        let dataset = try Dataset.load(Paths.geoData.path)
        for id in ["AZ-TAR", "AZ-CAB", "AZ-FUZ", "AZ-ZAN", "AZ-QBI", "AZ-LAC", "AZ-KAL", "AZ-AGM", "AZ-XVD", "NK", "AM-SU", "IR-03", "IR-24"] {
            #expect(dataset.region(id) != nil, "\(id)")
        }
        #expect(dataset.region("NK")?.level == "historical")
        #expect(dataset.actors.map(\.id) == ["AZ", "AM"])
        #expect(dataset.baseline?.date.description == "1994-05-12")
        let sugovushan = try #require(dataset.settlements.first { $0.id == "sugovushan" })
        #expect(sugovushan.region == "AZ-TAR")
        #expect(sugovushan.names == ["Madagiz"])
        #expect(dataset.lines.map(\.id) == ["ceasefire-1994"])
    }

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
