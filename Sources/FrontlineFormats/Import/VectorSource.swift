import FrontlineModel
import GeoJSON
import Geometry

/// Reads features from any supported vector format, in WGS 84 longitude/latitude: GeoJSON
/// (`.geojson`, `.json`) by Frontline's strict reader (every problem with its JSON path), every
/// other format GDAL reads (Shapefile, GeoPackage, FlatGeobuf, KML, GML, ...) through OGR
/// (`GDALSourceDriver`). Layers in another CRS (a `.prj`, a GeoPackage srs, a FlatGeobuf's)
/// are reprojected with PROJ.
public enum VectorSource {
    public struct Layer: Sendable {
        public var features: [Feature]
        /// What the file was and which layer, for `source` properties.
        public var description: String

        public init(features: [Feature], description: String) { (self.features, self.description) = (features, description) }
    }

    /// The drivers that read, in the order a path's extension is matched.
    public static let readers: [any FormatDriver] = [GeoJSONDriver()]

    public static func read(_ path: String, layer: String? = nil) throws(DataError) -> Layer {
        // Any other file goes to GDAL, which names what it could not recognise.
        let driver = readers.first(where: { $0.handles(path) }) ?? GDALSourceDriver()
        let layer = try driver.read(path, layer: layer)
        try checkCoordinates(layer.features, file: path)
        return layer
    }

    /// `path` as a GeoJSON object: GeoJSON files decoded strictly as they are (a single
    /// Feature or geometry stays one), any other format's layer as a FeatureCollection.
    public static func object(_ path: String, layer: String? = nil) throws(DataError) -> GeoJSONObject {
        if GeoJSONDriver().handles(path) { return try GeoJSONFile.load(path) }
        return .featureCollection(FeatureCollection(features: try read(path, layer: layer).features))
    }

    /// Binary formats (Shapefile, GeoPackage WKB) can hold NaN, ±infinity or any magnitude, and
    /// a reprojection can yield them: every number is checked here, before it reaches GEOS or a
    /// formatter, and the first bad one of each feature is reported (GeoJSON's decoder already
    /// refuses them in text).
    static func checkCoordinates(_ features: [Feature], file: String) throws(DataError) {
        var diagnostics = DiagnosticCollector()
        for (index, feature) in features.enumerated() {
            guard let geometry = feature.geometry else { continue }
            listLoop: for list in geometry.allPositionLists {
                for position in 0..<list.count {
                    let base = position * list.dimension
                    let longitude = list.values[base], latitude = list.values[base + 1]
                    let altitude = list.dimension > 2 ? list.values[base + 2] : 0
                    guard longitude.isFinite, latitude.isFinite, altitude.isFinite else {
                        diagnostics.add(Diagnostic(file: file, featureIndex: index,
                            message: "geometry: position \(position) of a ring or line is not a finite number (NaN or infinity)"))
                        break listLoop
                    }
                    guard abs(longitude) <= 180, abs(latitude) <= 90 else {
                        diagnostics.add(Diagnostic(file: file, featureIndex: index,
                            message: "geometry: position \(position) [\(longitude), \(latitude)] is outside longitude ±180, latitude ±90 (a projected layer without its .prj?)"))
                        break listLoop
                    }
                }
            }
        }
        try diagnostics.throwIfAny()
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// True when `crs` already means WGS 84 longitude/latitude.
    static func isWGS84(_ crs: String) -> Bool {
        let compact = crs.uppercased().filter { !$0.isWhitespace }
        if ["EPSG:4326", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84"].contains(compact) { return true }
        return (compact.hasPrefix("GEOGCS[") || compact.hasPrefix("GEOGCRS["))
            && (compact.contains("WGS_1984") || compact.contains("WGS84") || compact.contains("\"WGS84\"") || compact.contains("WGS1984"))
    }

    static func reproject(_ features: [Feature], from crs: String?, file: String) throws(DataError) -> [Feature] {
        guard let crs, !isWGS84(crs) else { return features }
        do {
            let projection = try Projection(from: crs, to: "EPSG:4326")
            var result: [Feature] = []
            result.reserveCapacity(features.count)
            for var feature in features {
                if let geometry = feature.geometry { feature.geometry = try projection.forward(geometry) }
                result.append(feature)
            }
            return result
        } catch {
            throw DataError(file: file, message: "cannot reproject from its CRS to WGS 84: \(error)")
        }
    }
}
