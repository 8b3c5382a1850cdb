import FrontlineModel
import GeoJSON
import Geometry

/// `frontline regions`: every region with its geodesic area and perimeter, beside the published
/// area when there is one.
public enum RegionsReport {
    public static let columns = [
        Report.Column("id"), Report.Column("name"), Report.Column("country"), Report.Column("level"),
        Report.Column("area_km2", decimals: 1), Report.Column("perimeter_km", decimals: 1),
        Report.Column("official_area_km2", decimals: 1),
    ]

    public static func report(_ regions: [Region]) -> Report {
        Report(columns: columns, rows: regions.map { region in
            let measure = Geodesic.measure(region.geometry)
            var row = JSONObject([
                "id": .string(region.id), "name": .string(region.name), "country": .string(region.country),
                "level": .string(region.level), "area_km2": .number(measure.areaKm2), "perimeter_km": .number(measure.lengthKm),
            ])
            if let official = region.officialAreaKm2 { row["official_area_km2"] = .number(official) }
            return row
        })
    }

    /// The regions as a GeoJSON FeatureCollection with computed `area_km2` and `perimeter_km`.
    public static func geoJSON(_ regions: [Region]) -> FeatureCollection {
        FeatureCollection(features: regions.map { region in
            var feature = region.feature
            let measure = Geodesic.measure(region.geometry)
            feature.properties?["area_km2"] = .number(measure.areaKm2)
            feature.properties?["perimeter_km"] = .number(measure.lengthKm)
            return feature
        })
    }

    /// Relative difference of `computed` from `published`, as "+3.2 %".
    public static func percent(_ computed: Double, _ published: Double) -> String {
        let value = (computed - published) / published * 100
        return (value >= 0 ? "+" : "") + Report.fixed(value, decimals: 1) + " %"
    }

    /// A Markdown table of every region that has a published area: computed, published, difference.
    public static func markdownComparison(_ regions: [Region]) -> String {
        var lines = [
            "| id | region | computed km² | published km² | difference | source |",
            "|---|---|---:|---:|---:|---|",
        ]
        for region in regions {
            guard let official = region.officialAreaKm2 else { continue }
            let computed = Geodesic.measure(region.geometry).areaKm2
            lines.append("| \(region.id) | \(region.name) | \(Report.fixed(computed, decimals: 1)) | \(JSONWriter.formatNumber(official)) | \(percent(computed, official)) | \(region.officialAreaSource ?? "") |")
        }
        return lines.joined(separator: "\n")
    }
}
