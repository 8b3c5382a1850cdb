import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

@Suite struct AreaReportTests {
    @Test func measuresEveryFeatureGeodesically() throws {
        let path = Paths.fixtures.appendingPathComponent("cell-and-hole.geojson").path
        let (report, repairs) = try AreaReport.measure(files: [path])
        #expect(repairs.isEmpty)
        #expect(report.rows.count == 3)
        for row in report.rows { #expect(row["file"] == .string(path)) }
        let cell = try #require(report.rows.first { $0["id"] == "cell" })
        #expect(abs((cell["area_km2"]?.numberValue ?? 0) - GridFixture.checkCellKm2) < 1e-6)
        // A line has a length but no area.
        #expect(report.rows[2]["area_km2"]?.numberValue == 0)
    }

    @Test func aMissingFileIsBadData() throws {
        #expect(throws: DataError.self) { try AreaReport.measure(files: ["/nonexistent/a.geojson"]) }
    }

    @Test func regionsAgainstPublishedAreas() {
        #expect(RegionsReport.percent(110, 100) == "+10.0 %")
    }
}
