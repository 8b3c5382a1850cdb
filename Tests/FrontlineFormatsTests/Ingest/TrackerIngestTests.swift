import Foundation
import GeoJSON
import Testing

@testable import FrontlineFormats
import FrontlineModel
import TestSupport

@Suite struct TrackerIngestTests {
    @Test func aDateFieldSplitsOneFileIntoDatesEachNamingTheFile() throws {
        let features = [
            Feature(geometry: GridFixture.cell(46, 39), properties: JSONObject(["day": "2024-01-02T06:00:00Z", "name": "occupied"])),
            Feature(geometry: GridFixture.cell(46, 40), properties: JSONObject(["day": .number(1_704_240_000), "name": "occupied"])),
        ]
        var ingest = TrackerIngest(dateSource: .field("day"), controller: "RU", cededTo: "UA", source: Claim.Source(title: "t"), claimant: "t", idPrefix: "x-")
        ingest.categoryField = "name"
        let (claims, summary) = try ingest.claims([TrackerIngest.Input(path: "/feeds/all.geojson", bytes: Array("abc".utf8), features: features)])
        #expect(summary.features == 2)
        #expect(claims.features.map { $0.id!.description } == ["x-2024-01-02-RU-2-assessed", "x-2024-01-03-RU-2-assessed"])
        for claim in claims.features {
            let files = claim.properties!["source"]!.objectValue!["files"]!.arrayElements!
            #expect(files.count == 1 && files[0].objectValue!["name"] == "all.geojson"
                && files[0].objectValue!["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }
        #expect(TrackerIngest.parseDate("20240102") == CalendarDate("2024-01-02") && TrackerIngest.parseDate("2024-01-02x") == nil)
    }
}
