import FrontlineModel
import GeoJSON
import Geometry

/// simplestyle-spec 1.1.0 properties (read by geojson.io, GitHub, Mapbox tools).
public enum Style {
    public static func apply(
        to properties: inout JSONObject, fill: String? = nil, fillOpacity: Double? = nil, stroke: String? = nil,
        strokeWidth: Double? = nil, title: String, description: String
    ) {
        if let fill { properties["fill"] = .string(fill) }
        if let fillOpacity { properties["fill-opacity"] = .number(fillOpacity) }
        if let stroke { properties["stroke"] = .string(stroke) }
        if let strokeWidth { properties["stroke-width"] = .number(strokeWidth) }
        properties["title"] = .string(title)
        properties["description"] = .string(description)
    }

    /// An actor's colour, grey for a controller that is no actor.
    public static func color(of controller: String, in actors: [Actor]) -> String {
        actors.first { $0.id == controller }?.color ?? "#888888"
    }

    /// "12,345.6 km²"
    public static func km2(_ value: Double) -> String { grouped(value, decimals: 1) + " km²" }

    /// "12,346": a number with `decimals` decimals and its thousands grouped by commas.
    public static func grouped(_ value: Double, decimals: Int = 0) -> String {
        let fixed = Report.fixed(value, decimals: decimals)
        let parts = fixed.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var grouped = ""
        for (index, character) in integer.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
