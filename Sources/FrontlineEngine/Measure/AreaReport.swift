import FrontlineModel
import GeoJSON
import Geometry

/// `frontline area`: geodesic area and boundary length of every feature of GeoJSON files.
public enum AreaReport {
    public static let columns = [
        Report.Column("file"), Report.Column("index"), Report.Column("id"),
        Report.Column("area_km2", decimals: 3), Report.Column("perimeter_km", decimals: 3),
    ]

    /// One row per feature (a bare geometry counts as one feature). Area in km² (|exterior| −
    /// Σ|holes| per polygon, on WGS 84); perimeter in km (ring perimeters, or line lengths).
    /// Every file is read before any row is returned; all problems of all files are reported.
    /// Invalid polygons (GEOS validity) are errors with GEOS's reason and location; with `repair`
    /// they are measured after GEOS make-valid, and each repair is listed in `repairs`.
    /// `load` reads one file (by default as strict GeoJSON; the CLI passes the format layer's
    /// reader, which takes every format GDAL reads).
    public static func measure(
        files: [String], repair: Bool = false,
        load: (String) throws(DataError) -> GeoJSONObject = { path throws(DataError) in try GeoJSONFile.load(path) }
    ) throws(DataError) -> (report: Report, repairs: [String]) {
        var collector = DiagnosticCollector()
        var report = Report(columns: columns)
        var repairs: [String] = []
        for file in files {
            do {
                let object = try load(file)
                for (index, feature) in object.features.enumerated() {
                    let path = JSONPath(object.isCollection ? [.key("features"), .index(index), .key("geometry")] : [.key("geometry")])
                    let geometry = try ValidityPolicy.check(
                        feature.geometry, repair: repair, file: file, featureIndex: object.isCollection ? index : nil,
                        featureID: feature.id?.description, path: path, repairs: &repairs)
                    let measure = geometry.map(Geodesic.measure) ?? Geodesic.Measurement()
                    report.rows.append(JSONObject([
                        "file": .string(file),
                        "index": .number(Double(index)),
                        "id": feature.id.map { .string($0.description) } ?? .null,
                        "area_km2": .number(measure.areaKm2),
                        "perimeter_km": .number(measure.lengthKm),
                    ]))
                }
            } catch {
                collector.add(contentsOf: error.diagnostics)
            }
        }
        try collector.throwIfAny()
        return (report, repairs)
    }
}
