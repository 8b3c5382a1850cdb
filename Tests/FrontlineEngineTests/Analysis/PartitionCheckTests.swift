import GeoJSON
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

@Suite struct PartitionCheckTests {
    func polygon(_ ring: [(Double, Double)], holes: [[(Double, Double)]] = []) -> GeoJSONGeometry {
        .polygon([PositionList(ring)] + holes.map { PositionList($0) })
    }

    let regions = [
        Region(id: "R", name: "R", country: "XX", level: "admin1", geometry: .polygon([PositionList([(46, 39), (48, 39), (48, 40), (46, 40), (46, 39)])]))
    ]

    @Test func aCleanSplitHasNoProblems() throws {
        let baseline = Baseline(date: CalendarDate("2000-01-01")!, pieces: [
            .init(id: "a", controller: "A", geometry: polygon([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])),
            .init(id: "b", controller: "B", geometry: polygon([(47, 39), (48, 39), (48, 40), (47, 40), (47, 39)])),
        ])
        #expect(try PartitionCheck.problems(baseline, regions: regions, file: "baseline.geojson").isEmpty)
    }

    @Test func overlapsAndGapsAreReportedWithWhereAndHowMuch() throws {
        let baseline = Baseline(date: CalendarDate("2000-01-01")!, pieces: [
            .init(id: "a", controller: "A", geometry: polygon([(46, 39), (47.1, 39), (47.1, 40), (46, 40), (46, 39)])),
            .init(id: "b", controller: "B", geometry: polygon([(47, 39), (48, 39), (48, 40), (47, 40), (47, 39)], holes: [[(47.5, 39.5), (47.6, 39.5), (47.6, 39.6), (47.5, 39.5)]])),
        ])
        let problems = try PartitionCheck.problems(baseline, regions: regions, file: "baseline.geojson").map(\.description)
        #expect(problems.count == 2)
        #expect(problems[0].hasPrefix("baseline.geojson: feature 0 (a): overlaps feature 1 (b) by 954.9"))
        #expect(problems[1].hasPrefix("baseline.geojson: features: gap of 47."))
        #expect(problems[1].contains("around [47.5"))
    }
}
