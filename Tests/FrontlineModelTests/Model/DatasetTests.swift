import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineModel
import TestSupport

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
        #expect(sugovushan.names.contains("Madagiz") && sugovushan.names.contains("Mataghis"), "\(sugovushan.names)")
        #expect(dataset.lines.map(\.id) == ["ceasefire-1994"])
    }
}
