import GeoJSON
import Testing

@testable import FrontlineModel
@testable import FrontlinePresentation

@Suite struct StyleTests {
    @Test func squareKilometresAreGrouped() {
        #expect(Style.km2(12345.64) == "12,345.6 km²")
        #expect(Style.km2(-1234.0) == "-1,234.0 km²")
        #expect(Style.km2(0) == "0.0 km²")
        #expect(Style.km2(999.96) == "1,000.0 km²")
    }

    @Test func simplestyleProperties() {
        var properties = JSONObject()
        Style.apply(to: &properties, fill: "#123456", fillOpacity: 0.5, title: "t", description: "d")
        #expect(properties["fill"] == "#123456" && properties["fill-opacity"] == 0.5)
        #expect(properties["stroke"] == nil && properties["title"] == "t" && properties["description"] == "d")
    }

    @Test func actorsGiveTheColour() {
        let actors = [Actor(id: "AZ", name: "Azerbaijan", color: "#1f6fb4")]
        #expect(Style.color(of: "AZ", in: actors) == "#1f6fb4")
        #expect(Style.color(of: "XX", in: actors) == "#888888")
    }
}
