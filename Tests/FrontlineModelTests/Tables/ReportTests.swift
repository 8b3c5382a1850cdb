import Foundation
import GeoJSON
import Testing

@testable import FrontlineModel

@Suite struct ReportTests {
    let report = Report(columns: [Report.Column("name"), Report.Column("area_km2", title: "km²", decimals: 1)], rows: [
        JSONObject(["name": "Fuzuli", "area_km2": 1248.46]),
        JSONObject(["name": "a, \"b\"", "area_km2": 5]),
    ])

    @Test func textTableAlignsNumbersRight() {
        #expect(report.table() == "name       km²\n------  ------\nFuzuli  1248.5\na, \"b\"     5.0\n")
    }

    @Test func csvQuotesAndKeepsFullPrecision() {
        #expect(report.csv() == "name,area_km2\r\nFuzuli,1248.46\r\n\"a, \"\"b\"\"\",5\r\n")
    }

    @Test func jsonIsOneRowPerLine() {
        #expect(report.json() == "[\n{\"area_km2\":1248.46,\"name\":\"Fuzuli\"},\n{\"area_km2\":5,\"name\":\"a, \\\"b\\\"\"}\n]\n")
        #expect(Report(columns: report.columns).json() == "[]\n")
    }

    @Test func fixedDecimals() {
        #expect(Report.fixed(12.3, decimals: 3) == "12.300")
        #expect(Report.fixed(-0.04, decimals: 1) == "0.0")
        #expect(Report.fixed(-2.5, decimals: 0) == "-3")
        #expect(powerOfTen(3) == 1000 && powerOfTen(-2) == 0.01 && powerOfTen(0) == 1)
        #expect(xmlEscaped("a & <b> \"c\"") == "a &amp; &lt;b&gt; &quot;c&quot;")
    }
}
